import { cachedAnswerKeys } from './answer-cache.js'
import { matchesAnswer } from './answer-match.js'
import type { GameKind } from './engine.js'

/** A riddle or 脑筋急转弯 as the round stores it. */
export interface RiddleQuestion {
  question: string
  answer: string
  aliases: string[]
  hint?: string
}

export const riddles: GameKind<RiddleQuestion> = {
  id: 'riddle',
  title: '猜谜',
  check(q, guess, { samePinyin }) {
    return matchesAnswer(cachedAnswerKeys([q.answer, ...q.aliases]), guess, { samePinyin })
      ? q.answer
      : undefined
  },
  reveal: (q) => q.answer,
  hints: (q) => (q.hint ? [{ text: q.hint }] : []),
}
