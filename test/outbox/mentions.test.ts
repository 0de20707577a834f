import { describe, expect, it } from 'vitest'
import { type MemberRef, mentionBatches, splitMentions } from '../../src/outbox/index.js'

const members = (n: number): MemberRef[] =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i + 1}`, name: `M${i + 1}` }))

describe('splitMentions', () => {
  it('leaves a message within the cap alone', () => {
    const body = { type: 'text' as const, text: '@M1 hi', mentions: members(1) }
    expect(splitMentions(body, 10)).toEqual([body])
    expect(splitMentions({ type: 'text', text: 'plain' }, 10)).toEqual([{ type: 'text', text: 'plain' }])
  })

  it('treats a cap of 0 as unlimited', () => {
    const body = { type: 'text' as const, text: 'x', mentions: members(50) }
    expect(splitMentions(body, 0)).toEqual([body])
  })

  it('splits 25 mentions with cap 10 into 10, 10, 5 and strips later inline @names from the first text', () => {
    const all = members(25)
    const text = `${all.map((m) => `@${m.name}`).join(' ')} 今晚八点开会`
    const parts = splitMentions({ type: 'text', text, mentions: all }, 10)
    expect(parts.map((p) => p.mentions?.length)).toEqual([10, 10, 5])
    expect(parts[0]?.text).toBe(
      `${all
        .slice(0, 10)
        .map((m) => `@${m.name}`)
        .join(' ')} 今晚八点开会`,
    )
    expect(parts[1]?.text).toBe(
      all
        .slice(10, 20)
        .map((m) => `@${m.name}`)
        .join(' '),
    )
    expect(parts[2]?.text).toBe('@M21 @M22 @M23 @M24 @M25')
    for (const part of parts) {
      const inline = [...part.text.matchAll(/@(M\d+)/g)].map((m) => m[1])
      expect(inline).toEqual(part.mentions?.map((m) => m.name))
    }
  })

  it('never cuts into a longer name that starts with a removed one', () => {
    const li = { key: 'a', name: 'Li' }
    const liLei = { key: 'b', name: 'Li Lei' }
    const parts = splitMentions(
      { type: 'text', text: '@Li Lei and @Li\u2005hello', mentions: [liLei, li] },
      1,
    )
    expect(parts[0]).toEqual({ type: 'text', text: '@Li Lei and hello', mentions: [liLei] })
    expect(parts[1]).toEqual({ type: 'text', text: '@Li', mentions: [li] })
  })

  it('keeps the text and unrelated @s when mentions are not inline', () => {
    const parts = splitMentions({ type: 'text', text: 'mail me @ home', mentions: members(3) }, 2)
    expect(parts.map((p) => p.text)).toEqual(['mail me @ home', '@M3'])
  })

  it('falls back to the kept mentions when nothing else is left of the text', () => {
    const parts = splitMentions({ type: 'text', text: '@M3', mentions: members(3) }, 2)
    expect(parts[0]?.text).toBe('@M1 @M2')
  })
})

describe('mentionBatches', () => {
  it('batches and drops repeated members', () => {
    const list = [...members(5), { key: 'k1', name: 'M1' }]
    expect(mentionBatches(list, 2).map((b) => b.map((m) => m.key))).toEqual([
      ['k1', 'k2'],
      ['k3', 'k4'],
      ['k5'],
    ])
    expect(mentionBatches([], 2)).toEqual([])
  })
})
