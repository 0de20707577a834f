import { describe, expect, it } from 'vitest'
import { Line } from '../../src/outbox/line.js'

const entry = (key: string, name: string) => ({ key, name })
const names = (line: Line<{ key: string; name: string }>, waitFor: (key: string) => number | undefined) => {
  const order: string[] = []
  for (;;) {
    const next = line.pick(waitFor)
    if (next === undefined || typeof next === 'number') return order
    line.remove(next)
    order.push(next.name)
  }
}

describe('the outbox line', () => {
  it('hands out messages in the order they joined, across targets', () => {
    const line = new Line<{ key: string; name: string }>()
    for (const [key, name] of [
      ['A', 'a1'],
      ['B', 'b1'],
      ['A', 'a2'],
      ['C', 'c1'],
      ['B', 'b2'],
    ] as const)
      line.push(entry(key, name))
    expect(line.size).toBe(5)
    expect(names(line, () => 0)).toEqual(['a1', 'b1', 'a2', 'c1', 'b2'])
    expect(line.size).toBe(0)
  })

  it('puts an unshifted message ahead of everything, its own target included', () => {
    const line = new Line<{ key: string; name: string }>()
    line.push(entry('A', 'a1'))
    line.push(entry('B', 'b1'))
    line.unshift(entry('B', 'retry'))
    expect(names(line, () => 0)).toEqual(['retry', 'a1', 'b1'])
  })

  it('skips blocked targets and reports the shortest wait when nothing may go', () => {
    const line = new Line<{ key: string; name: string }>()
    line.push(entry('A', 'a1'))
    line.push(entry('B', 'b1'))
    line.push(entry('C', 'c1'))
    const waits: Record<string, number | undefined> = { A: undefined, B: 300, C: 0 }
    expect(names(line, (key) => waits[key])).toEqual(['c1'])
    expect(line.pick((key) => waits[key])).toBe(300)
    expect(line.pick(() => undefined)).toBeUndefined()
  })

  it('removes a message from the middle of its target list and refuses one it does not hold', () => {
    const line = new Line<{ key: string; name: string }>()
    const middle = entry('A', 'a2')
    line.push(entry('A', 'a1'))
    line.push(middle)
    line.push(entry('A', 'a3'))
    expect(line.remove(middle)).toBe(true)
    expect(line.remove(middle)).toBe(false)
    expect(names(line, () => 0)).toEqual(['a1', 'a3'])
  })
})
