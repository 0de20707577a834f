import { foldForSearch } from '../../src/text/normalize.js'

/** A greeting a newcomer opens with, then spaces or punctuation (on folded text: simplified, half-width). */
const GREETING =
  /^(大家(早上|中午|下午|晚上)?好|各位(朋友|同学|伙伴|小伙伴)?(们)?好?|你们好|哈喽|嗨|hello|hi|新人报到)[\s,.!~、。～]*/u

/**
 * 「我是阿强」「我叫小美」「本人李华」, but not 「我是说……」「我是不是……」「我叫外卖了」-style talk: the
 * words right after 我是 / 我叫 that turn it into something else.
 */
const SELF_NAMING = /^(我是|我叫|本人是?|我的名字是)(?!说|不是|想|问|在|来|要|不|真|觉得|准备|外卖|车|了)/u

/** 「做个自我介绍：」「自我介绍一下」, not 「昨天的自我介绍环节挺好玩的」: the words that open an intro. */
const ABOUT_ME =
  /(做|来|给大家|简单)(个|一个|一下|下)?自我介绍|^自我介绍|自我介绍\s*(一下|下)?\s*[:：,，!！~～]/u

/** On the raw text: the words every pattern above needs, the same in either script. */
const MAY_INTRODUCE = /我[是叫的]|本人|自我介/u

/** Asking about the intro (where is the template, how should I write it) is not writing one. */
const ASKING = /[?？]|[吗呢]\s*$|模板|模版|格式|怎么|怎样|哪里/u

/**
 * Whether a message reads like an intro written freely, without the room's labels: a newcomer's
 * 「大家好，我是阿强，喜欢吃面」. Such a member is shown the template once, instead of silence.
 */
export function looksLikeFreeIntro(text: string): boolean {
  // Most chat has none of these: it is turned away before the (costlier) folding.
  if (!MAY_INTRODUCE.test(text)) return false
  const folded = foldForSearch(text.trim())
  const length = Array.from(folded).length
  if (length < 4 || length > 500 || ASKING.test(folded)) return false
  if (ABOUT_ME.test(folded)) return true
  return SELF_NAMING.test(folded.replace(GREETING, ''))
}
