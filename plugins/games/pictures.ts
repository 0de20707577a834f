import { cachedAnswerKeys } from './answer-cache.js'
import { matchesAnswer } from './answer-match.js'
import type { GameKind, Hint } from './engine.js'

/** A picture puzzle as the round stores it: image paths are absolute, resolved when the pack loads. */
export interface PictureQuestion {
  image: string
  answer: string
  aliases: string[]
  /** each a clearer or wider view of the picture, or words */
  hints: Hint[]
}

export const pictures: GameKind<PictureQuestion> = {
  id: 'picture',
  title: '看图猜词',
  check(q, guess, { samePinyin }) {
    return matchesAnswer(cachedAnswerKeys([q.answer, ...q.aliases]), guess, { samePinyin })
      ? q.answer
      : undefined
  },
  reveal: (q) => q.answer,
  hints: (q) => q.hints,
}
