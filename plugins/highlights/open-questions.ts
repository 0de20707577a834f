import { type ChatSentence, hasContent, isChitChat } from './chat-sentences.js'
import type { Turn } from './highlight.js'
import { contentTerms } from './segmenter.js'

// A question mark at the end, or a final 吗/么 (吗？ 吗~ 吗。 all count): 今天还去吗
const QUESTION_MARK = /[？?][\s\p{P}\p{S}]*$/u
const YES_NO_PARTICLE = /[吗么][啊呀呢哈~～。！!…\s]*$/u
// 呢 ends statements too (我还在看呢): a question only with a question word.
const FINAL_NE = /呢[~～。！!…\s]*$/u
const QUESTION_WORD =
  /什么|怎么|怎样|为什么|为啥|干嘛|哪|谁|多少|几[个点天次号]|如何|是不是|有没有|要不要|能不能|会不会|可不可以|还是/
// Tag questions and bare checks ask nobody anything: 对吧？ 是不是？ 好吗？ 在吗？
const TAG_QUESTION =
  /^(?:对吧|是吧|好吧|对不对|是不是|好不好|行不行|行吗|好吗|可以吗|懂吗|对吗|是吗|真的吗|在吗|有人吗|吗|呢|啥|什么|为什么|怎么了)$/
const TRAILING_MARKS = /[\s\p{P}\p{S}]+$/gu

/** A sentence that asks something of the others: ends in a question mark or a question particle. */
export function isQuestion(text: string): boolean {
  const bare = text.replace(TRAILING_MARKS, '')
  if (bare.length < 4 || TAG_QUESTION.test(bare)) return false
  if (QUESTION_MARK.test(text) || YES_NO_PARTICLE.test(text)) return true
  return FINAL_NE.test(text) && QUESTION_WORD.test(text)
}

// How far an answer may come after the question, in messages: groups interleave threads.
const ANSWER_WINDOW = 8
// A reply right after the question that opens like an answer, even if it shares no word with it:
// 「有什么好办法吗？」「用番茄钟试试」
const ANSWER_OPENING =
  /^(?:可以|建议|试试|试一下|我一般|我觉得|我是|我会|我都|我用|用|不用|不会|不行|不是|会的|是的|对的|没有|有的|应该|不要|别|一般|先|直接|你可以|你试试|推荐|记得|看|就是)/
const ANSWER_OPENING_WINDOW = 2
// The asker saying the question is settled.
const SETTLED = /谢谢|多谢|感谢|明白了|懂了|知道了|原来如此|原来是|get了|学到了|好的我试试/i

/**
 * The questions nobody seems to have answered. A question counts as answered when, within the next few
 * messages, someone else replies with one of its words (or @-mentions the asker), or replies at once with
 * something shaped like an answer, or the asker thanks someone. Heuristic by nature: it errs on the side of
 * listing a question that was in fact answered in other words.
 */
export function openQuestions(turns: readonly Turn[], sentences: readonly ChatSentence[]): ChatSentence[] {
  const open: ChatSentence[] = []
  const seen = new Set<string>()
  // A reply is read for several questions before it; segment each message once.
  const piecesOfTurn = new Map<number, Set<string>>()
  const replyPieces = (index: number): Set<string> => {
    let pieces = piecesOfTurn.get(index)
    if (!pieces) {
      pieces = wordPieces(contentTerms(turns[index]!.text))
      piecesOfTurn.set(index, pieces)
    }
    return pieces
  }
  for (const sentence of sentences) {
    if (!isQuestion(sentence.text) || seen.has(sentence.text)) continue
    seen.add(sentence.text)
    const terms = wordPieces(contentTerms(sentence.text))
    if (terms.size === 0) continue
    if (!wasAnswered(turns, sentence, terms, replyPieces)) open.push(sentence)
  }
  return open
}

/**
 * Words as overlapping two-character pieces: the segmenter may cut the question and the answer differently
 * (复习计划 in one, 复习 in the other; 线代要 where it guessed at an unknown word), the pieces still meet.
 */
function wordPieces(terms: readonly string[]): Set<string> {
  const pieces = new Set<string>()
  for (const term of terms) {
    const chars = Array.from(term)
    if (chars.length <= 2) pieces.add(term)
    else for (let i = 0; i + 2 <= chars.length; i++) pieces.add(chars[i]! + chars[i + 1]!)
  }
  return pieces
}

function wasAnswered(
  turns: readonly Turn[],
  question: ChatSentence,
  terms: Set<string>,
  replyPieces: (index: number) => Set<string>,
): boolean {
  const asker = question.speaker
  let replies = 0
  for (let index = question.turn + 1; index < turns.length && replies < ANSWER_WINDOW; index++) {
    const turn = turns[index]!
    const text = typeof turn.text === 'string' ? turn.text : ''
    if (!hasContent(text)) continue
    replies += 1
    if (turn.speaker === asker) {
      if (SETTLED.test(text)) return true
      continue
    }
    if (isChitChat(text)) continue
    if (asker.length > 0 && text.includes(`@${asker}`)) return true
    if (replies <= ANSWER_OPENING_WINDOW && !isQuestion(text) && ANSWER_OPENING.test(text.trim())) return true
    for (const piece of replyPieces(index)) if (terms.has(piece)) return true
  }
  return false
}
