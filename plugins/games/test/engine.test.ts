import { describe, expect, it } from 'vitest'
import {
  answer,
  moveOn,
  pickFresh,
  pointsNow,
  type RoundSettings,
  ranking,
  startRound,
  takeHint,
} from '../engine.js'
import { IdiomDictionary, idiomChain } from '../idiom-chain.js'
import { type RiddleQuestion, riddleGame } from '../riddles.js'

const settings: RoundSettings = { timeLimitSeconds: 60, points: 10, hintCost: 3, samePinyin: false }
const xiaoming = { key: 'wxid_xm', name: '小明' }
const xiaohong = { key: 'wxid_xh', name: '小红' }

const questions: RiddleQuestion[] = [
  { question: '什么东西越洗越脏？', answer: '水', aliases: ['洗澡水'], hint: '洗东西离不开它' },
  { question: '一口咬掉牛尾巴（打一字）', answer: '告', aliases: [] },
  { question: '什么门永远关不上？', answer: '球门', aliases: [] },
]

const riddles = riddleGame(() => questions)

describe('a riddle round', () => {
  it('scores the first right answer and leaves the round alone on a wrong one', () => {
    const round = startRound(riddles, questions, 5, settings, 0)
    expect(round.total).toBe(3)
    expect(answer(riddles, round, xiaoming, '肥皂')).toBeUndefined()
    const right = answer(riddles, round, xiaohong, '洗澡水！')
    expect(right?.points).toBe(10)
    expect(right?.answer).toBe('水')
    expect(right?.round.scores.wxid_xh).toEqual({ name: '小红', points: 10, right: 1 })
  })

  it('takes points off for each hint, never below one, and runs out of hints', () => {
    const round = startRound(riddles, questions, 3, { ...settings, hintCost: 6 }, 0)
    const hinted = takeHint(riddles, round)
    expect(hinted?.hint.text).toBe('洗东西离不开它')
    expect(pointsNow(hinted!.round)).toBe(4)
    expect(takeHint(riddles, hinted!.round)).toBeUndefined()
    expect(pointsNow({ ...round, hintsUsed: 5 })).toBe(1)
  })

  it('moves on with a fresh deadline and no hints, and ends after the last question', () => {
    let round = startRound(riddles, questions, 3, settings, 1_000)
    expect(round.deadline).toBe(61_000)
    round = moveOn(riddles, { ...round, hintsUsed: 1 }, '水', 5_000)!
    expect(round.index).toBe(1)
    expect(round.hintsUsed).toBe(0)
    expect(round.deadline).toBe(65_000)
    round = moveOn(riddles, round, '告', 6_000)!
    expect(moveOn(riddles, round, '球门', 7_000)).toBeUndefined()
  })

  it('ranks by points, then right answers, then name, sharing a place on a tie', () => {
    const round = startRound(riddles, questions, 3, settings, 0)
    const scored = {
      ...round,
      scores: {
        a: { name: '小红', points: 10, right: 1 },
        b: { name: '小明', points: 10, right: 1 },
        c: { name: '阿强', points: 20, right: 2 },
      },
    }
    expect(ranking(scored).map((r) => [r.name, r.place])).toEqual([
      ['阿强', 1],
      ['小红', 2],
      ['小明', 2],
    ])
  })
})

describe('成语接龙', () => {
  const dictionary = new IdiomDictionary([
    '一心一意',
    '意气风发',
    '发扬光大',
    '大公无私',
    '义不容辞',
    '易如反掌',
    '掌上明珠',
  ])
  const chain = idiomChain(() => dictionary)

  it('takes an idiom that starts with the last character, and continues from it', () => {
    let round = startRound(chain, [{ idiom: '一心一意' }], 5, settings, 0)
    expect(answer(chain, round, xiaoming, '意气风发')?.answer).toBe('意气风发')
    round = moveOn(chain, round, '意气风发', 0)!
    expect(round.questions[1]).toEqual({ idiom: '意气风发' })
    expect(answer(chain, round, xiaoming, '发扬光大')).toBeDefined()
  })

  it('refuses a repeat, a non-idiom and a same-sound link unless the room allows it', () => {
    const round = startRound(chain, [{ idiom: '一心一意' }], 5, settings, 0)
    expect(answer(chain, { ...round, used: ['意气风发'] }, xiaoming, '意气风发')).toBeUndefined()
    expect(answer(chain, round, xiaoming, '意思意思')).toBeUndefined()
    expect(answer(chain, round, xiaoming, '义不容辞')).toBeUndefined()
    const lenient = { ...round, settings: { ...settings, samePinyin: true } }
    expect(answer(chain, lenient, xiaoming, '義不容辭')?.answer).toBe('义不容辞')
  })

  it('reveals a continuation on timeout and ends when nothing is left', () => {
    const round = startRound(chain, [{ idiom: '易如反掌' }], 5, settings, 0)
    expect(chain.reveal(round.questions[0]!, [])).toBe('掌上明珠')
    const next = moveOn(chain, round, '掌上明珠', 0)!
    expect(chain.reveal(next.questions[1]!, next.used)).toBe('')
    expect(moveOn(chain, next, '', 0)).toBeUndefined()
  })

  it('hints with the first characters of a possible answer', () => {
    const round = startRound(chain, [{ idiom: '发扬光大' }], 5, settings, 0)
    expect(chain.hints(round.questions[0]!, []).map((h) => h.text)).toEqual(['大□□□', '大公□□'])
  })
})

describe('picking questions for a round', () => {
  it('takes questions the room has not met recently first', () => {
    const picked = pickFresh(
      ['a', 'b', 'c', 'd'],
      3,
      () => 0.5,
      (x) => x,
      new Set(['a', 'b']),
    )
    expect(picked.slice(0, 2).sort()).toEqual(['c', 'd'])
    expect(picked).toHaveLength(3)
  })
})
