import { cachedAnswerKeys } from './answer-cache.js'
import { matchesAnswer } from './answer-match.js'
import { type GameKind, pickFresh } from './engine.js'

/** A riddle or 脑筋急转弯 as the round stores it. */
export interface RiddleQuestion {
  question: string
  answer: string
  aliases: string[]
  hint?: string
}

/** 猜谜: riddles and brain-teasers from the packs; `pack()` is read at each round so a reload takes effect. */
export function riddleGame(pack: () => readonly RiddleQuestion[]): GameKind<RiddleQuestion> {
  return {
    id: 'riddle',
    title: '猜谜',
    command: {
      name: 'riddle',
      aliases: ['猜谜', '谜语', '脑筋急转弯'],
      description: '来一轮猜谜／脑筋急转弯',
      defaultCount: 5,
    },
    plan: (count, random, recent) => pickFresh(pack(), count, random, (q) => q.question, recent),
    idOf: (q) => q.question,
    view: (q) => ({ question: q.question }),
    check(q, guess, { samePinyin }) {
      return matchesAnswer(cachedAnswerKeys([q.answer, ...q.aliases]), guess, { samePinyin })
        ? q.answer
        : undefined
    },
    reveal: (q) => q.answer,
    hints: (q) => (q.hint ? [{ text: q.hint }] : []),
  }
}
