import { describe, expect, it } from 'vitest'
import { coverageWeights, coveringChoice } from '../sentence-selection.js'
import { type TermVector, withNorm } from '../term-vectors.js'

const vector = (weights: Record<string, number>): TermVector => withNorm(new Map(Object.entries(weights)))

describe('coverageWeights', () => {
  it('counts the words said in at least two sentences, with their weight in the whole discussion', () => {
    const weights = coverageWeights([
      vector({ 复习: 2, 线代: 3 }),
      vector({ 复习: 2, 高数: 3 }),
      vector({ 线代: 3, 图书馆: 4 }),
    ])
    expect(Object.fromEntries(weights)).toEqual({ 复习: 4, 线代: 6 })
  })

  it('counts every word when none recurs', () => {
    const weights = coverageWeights([vector({ 跑步: 2 }), vector({ 图书馆: 4 })])
    expect(Object.fromEntries(weights)).toEqual({ 跑步: 2, 图书馆: 4 })
  })
})

describe('coveringChoice', () => {
  const weights = new Map([
    ['线代', 6],
    ['高数', 6],
    ['复习', 2],
  ])

  it('passes over a sentence that says nothing the points do not already say', () => {
    const vectors = [vector({ 线代: 3, 复习: 2 }), vector({ 线代: 3 }), vector({ 高数: 3 })]
    const items = vectors.map(() => ({ length: 10, relevance: 1 }))
    expect(coveringChoice(items, vectors, weights, 100, 5).sort()).toEqual([0, 2])
  })

  it('keeps to the budget and the number of points', () => {
    const vectors = [vector({ 线代: 3 }), vector({ 高数: 3 }), vector({ 复习: 2 })]
    const items = [
      { length: 30, relevance: 1 },
      { length: 30, relevance: 1 },
      { length: 30, relevance: 1 },
    ]
    expect(coveringChoice(items, vectors, weights, 65, 5)).toHaveLength(2)
    expect(coveringChoice(items, vectors, weights, 1000, 1)).toHaveLength(1)
    expect(coveringChoice(items, vectors, weights, 20, 5)).toEqual([])
  })

  it('prefers the sentence that says as much in fewer characters', () => {
    const vectors = [vector({ 线代: 3, 高数: 3 }), vector({ 线代: 3, 高数: 3 })]
    const items = [
      { length: 80, relevance: 1 },
      { length: 20, relevance: 1 },
    ]
    expect(coveringChoice(items, vectors, weights, 100, 1)).toEqual([1])
  })

  it('leaves out sentences far less relevant than the best, budget or not', () => {
    const vectors = [vector({ 线代: 3 }), vector({ 高数: 3 })]
    const items = [
      { length: 10, relevance: 1 },
      { length: 10, relevance: 0.1 },
    ]
    expect(coveringChoice(items, vectors, weights, 100, 5)).toEqual([0])
  })

  it('picks nothing when no sentence has a word worth covering', () => {
    expect(coveringChoice([{ length: 5, relevance: 1 }], [vector({ 哈哈: 1 })], weights, 100, 5)).toEqual([])
  })
})
