import { foldForSearch } from '../../src/text/normalize.js'

/** On the raw text, in either script: a question about the intro names the intro or its template. */
const MAY_ASK = /介紹|介绍|模板|模版|格式/u

/** What the question is about: the self-intro, or its template by name. */
const ABOUT_INTRO = /自我介绍|介绍(模板|模版|格式)|破冰(模板|模版)/u

/** How it asks: where, how, what, or a request to post it. */
const ASKING = /[?？]|[吗呢]\s*$|在哪|哪里|哪儿|怎么|怎样|如何|什么|发(一下|下|个)|求|再发/u

/** Longer messages are talk about intros (or an intro itself), not a quick question. */
const MAX_QUESTION_LENGTH = 40

/**
 * 「自我介绍模板在哪？」「自我介绍怎么写」「求个介绍格式」: a member asking for the template gets it,
 * instead of silence. A finished intro, or chat that merely mentions one, is not a question.
 */
export function asksForTemplate(text: string): boolean {
  if (!MAY_ASK.test(text)) return false
  const folded = foldForSearch(text.trim())
  if (Array.from(folded).length > MAX_QUESTION_LENGTH) return false
  return ABOUT_INTRO.test(folded) && ASKING.test(folded)
}
