import type { Turn } from './highlight.js'
import { hasContact } from './sanitise.js'

/** One sentence of the chat, with where it came from, so that what is shown can be traced to its speaker. */
export interface ChatSentence {
  /** the sentence as written (outer whitespace trimmed): always a substring of `turns[turn].text` */
  text: string
  speaker: string
  /** index of the turn in the input array */
  turn: number
  /** order among all kept sentences, 0-based: chat order */
  position: number
}

/** The longest sentence kept whole; points must fit in 200 characters, and longer runs are rarely one thought. */
export const MAX_SENTENCE_CHARS = 200

// A sentence ends after one or more of these (full-width and half-width), or at a line break. The ellipsis
// counts: chat often trails off with …… where writing would put a full stop.
const SENTENCE_END = /[。！？!?；;…\n\r]+|\.{3,}/g
// Inside a run-on sentence, where to cut it when it is too long.
const CLAUSE_END = /[，,、：:\s]/g

// Letters (any script, Han included) and digits: what makes a message say something.
const CONTENT = /[\p{L}\p{N}]/u
// WeChat renders its built-in stickers and attachments as bracketed words: [捂脸] [图片] [语音]
const BRACKET_CODE = /\[[^[\]\s]{1,6}\]/g
const NOT_WORD = /[^\p{L}\p{N}+]/gu

// Replies that acknowledge rather than add: they would crowd the summary with noise.
const CHIT_CHAT = new Set([
  '嗯',
  '恩',
  '哦',
  '噢',
  '喔',
  '啊',
  '额',
  '呃',
  '好',
  '好的',
  '好滴',
  '好哒',
  '行',
  '可以',
  '对',
  '对的',
  '对啊',
  '对呀',
  '是',
  '是的',
  '是啊',
  '确实',
  '收到',
  '了解',
  '明白',
  '明白了',
  '懂了',
  '知道了',
  '谢谢',
  '谢谢你',
  '谢谢大家',
  '感谢',
  '多谢',
  '辛苦了',
  '同意',
  '赞',
  '赞同',
  '顶',
  '牛',
  '牛啊',
  '厉害',
  '太强了',
  '早',
  '早安',
  '晚安',
  '在吗',
  '在',
  '来了',
  '加油',
  '冲',
  '哈',
  'ok',
  'okay',
  'yes',
  'no',
  'lol',
  '+1',
  '1',
  '666',
  '6',
  '草',
])
// Laughter and repeated interjections of any length: 哈哈哈哈, hhhh, 嗯嗯嗯, 666666, +1+1
const REPEATED_NOISE = /^(?:[哈呵嘿嘻h嗯恩哦噢啊6]|\+1)+$/

/** Whether a message has any letters or digits once stickers and attachments are removed. */
export function hasContent(text: string): boolean {
  return CONTENT.test(text.replace(BRACKET_CODE, ''))
}

/** Whether a message or sentence is an acknowledgement, laughter or similar, worth nothing in a summary. */
export function isChitChat(text: string): boolean {
  const word = text.replace(BRACKET_CODE, '').toLowerCase().replace(NOT_WORD, '')
  if (word.length === 0) return true
  if (CHIT_CHAT.has(word) || REPEATED_NOISE.test(word)) return true
  // A word repeated (好的好的, 收到收到) is still the word.
  const half = word.length / 2
  return (
    Number.isInteger(half) && word.slice(0, half) === word.slice(half) && CHIT_CHAT.has(word.slice(0, half))
  )
}

/**
 * Cuts one message into sentences, each an exact substring of it, none longer than `MAX_SENTENCE_CHARS`:
 * run-on sentences are cut at a comma or space near the limit, or hard at the limit when there is none.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  let start = 0
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length
    pushTrimmed(out, text.slice(start, end))
    start = end
  }
  pushTrimmed(out, text.slice(start))
  return out
}

function pushTrimmed(out: string[], piece: string): void {
  const sentence = piece.trim()
  if (sentence.length === 0) return
  if (sentence.length <= MAX_SENTENCE_CHARS) {
    out.push(sentence)
    return
  }
  let rest = sentence
  while (rest.length > MAX_SENTENCE_CHARS) {
    const window = rest.slice(0, MAX_SENTENCE_CHARS)
    let cut = 0
    for (const clause of window.matchAll(CLAUSE_END)) cut = clause.index + 1
    // A comma in the first half would leave a stub; a hard cut keeps the chunks even.
    if (cut < MAX_SENTENCE_CHARS / 2) cut = MAX_SENTENCE_CHARS
    // Never leave a lone low surrogate at the start of the next chunk.
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut -= 1
    const chunk = rest.slice(0, cut).trim()
    if (chunk.length > 0) out.push(chunk)
    rest = rest.slice(cut).trimStart()
  }
  if (rest.length > 0) out.push(rest)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/**
 * The sentences worth summarising, in chat order: messages without letters or digits (images, stickers,
 * emoji) and chit-chat are dropped, and so are sentences that are themselves chit-chat, and sentences that
 * give a phone number or WeChat id (「我的手机是138…有问题找我」 is how to reach someone, not a point).
 */
export function chatSentences(turns: readonly Turn[]): ChatSentence[] {
  const sentences: ChatSentence[] = []
  turns.forEach((turn, index) => {
    const text = typeof turn.text === 'string' ? turn.text : ''
    if (!hasContent(text) || isChitChat(text)) return
    for (const sentence of splitSentences(text)) {
      if (!hasContent(sentence) || isChitChat(sentence) || hasContact(sentence)) continue
      sentences.push({ text: sentence, speaker: turn.speaker, turn: index, position: sentences.length })
    }
  })
  return sentences
}
