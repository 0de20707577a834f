import { cachedAnswerKeys } from './answer-cache.js'
import { matchesAnswer } from './answer-match.js'
import { type GameKind, type Hint, pickFresh } from './engine.js'

/** A picture puzzle as the round stores it: image paths are absolute, resolved when the pack loads. */
export interface PictureQuestion {
  image: string
  answer: string
  aliases: string[]
  /** each a clearer or wider view of the picture, or words */
  hints: Hint[]
}

/** 看图猜成语: the bot sends a picture, members guess the idiom it spells out. */
export function pictureGame(pack: () => readonly PictureQuestion[]): GameKind<PictureQuestion> {
  return {
    id: 'picture',
    title: '看图猜成语',
    command: {
      name: 'picture',
      aliases: ['看图', '看图猜成语', '看图猜词', '猜图'],
      description: '来一轮看图猜成语',
      defaultCount: 5,
    },
    plan: (count, random, recent) => pickFresh(pack(), count, random, (q) => q.answer, recent),
    idOf: (q) => q.answer,
    view: () => ({}),
    image: (q) => q.image,
    check(q, guess, { samePinyin }) {
      return matchesAnswer(cachedAnswerKeys([q.answer, ...q.aliases]), guess, { samePinyin })
        ? q.answer
        : undefined
    },
    reveal: (q) => q.answer,
    hints: (q) => q.hints,
  }
}
