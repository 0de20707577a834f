import { describe, expect, it } from 'vitest'
import { hashId, IdIndex } from '../../src/store/id-index.js'

describe('IdIndex', () => {
  it('tells ids apart even when every id gets the same number', () => {
    const index = new IdIndex(() => 7)
    expect(index.add('a')).toBe(true)
    expect(index.add('b')).toBe(true)
    expect(index.add('a')).toBe(false)
    expect(index.has('a')).toBe(true)
    expect(index.has('b')).toBe(true)
    expect(index.has('c')).toBe(false)
    expect(index.size).toBe(2)
    expect(index.ids()).toEqual(['a', 'b'])
  })

  it('keeps ids in the order they came, and empties on clear', () => {
    const index = new IdIndex()
    for (const id of ['m3', 'm1', 'm2', 'm1']) index.add(id)
    expect(index.ids()).toEqual(['m3', 'm1', 'm2'])
    index.clear()
    expect(index.size).toBe(0)
    expect(index.has('m1')).toBe(false)
  })

  it('hashes to small integers, the same for equal ids built apart', () => {
    const built = ['wxid', '_', '42'].join('')
    expect(hashId(built)).toBe(hashId('wxid_42'))
    for (const id of ['', 'a', '消息-😀', 'x'.repeat(10_000)]) {
      const hash = hashId(id)
      expect(Number.isInteger(hash)).toBe(true)
      expect(hash).toBeGreaterThanOrEqual(0)
      expect(hash).toBeLessThan(2 ** 30)
    }
  })
})
