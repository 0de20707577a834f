import { describe, expect, it } from 'vitest'
import { hashId, IdWindow } from '../../src/store/id-index.js'

describe('IdWindow', () => {
  it('tells ids apart even when every id gets the same hash', () => {
    const window = new IdWindow(10, () => 7)
    expect(window.add('a')).toBe(true)
    expect(window.add('b')).toBe(true)
    expect(window.add('a')).toBe(false)
    expect(window.has('a')).toBe(true)
    expect(window.has('b')).toBe(true)
    expect(window.has('c')).toBe(false)
    expect(window.size).toBe(2)
  })

  it('stores a hash of 0 like any other', () => {
    const window = new IdWindow(4, () => 0)
    expect(window.add('zero')).toBe(true)
    expect(window.has('zero')).toBe(true)
    expect(window.add('zero')).toBe(false)
  })

  it('remembers at least the newest `keep` ids and at most twice that', () => {
    const window = new IdWindow(100)
    for (let i = 0; i < 1000; i++) expect(window.add(`m${i}`)).toBe(true)
    expect(window.size).toBeGreaterThanOrEqual(100)
    expect(window.size).toBeLessThanOrEqual(200)
    for (let i = 900; i < 1000; i++) expect(window.has(`m${i}`)).toBe(true)
    expect(window.has('m0')).toBe(false)
    expect(window.has('m799')).toBe(false)
    // A forgotten id counts as new again.
    expect(window.add('m0')).toBe(true)
  })

  it('stays exact through many turns of its generations with colliding hashes', () => {
    const window = new IdWindow(8, (id) => id.length)
    const added: string[] = []
    for (let i = 0; i < 200; i++) {
      const id = `id-${i}`
      expect(window.add(id)).toBe(true)
      added.push(id)
      for (const recent of added.slice(-8)) expect(window.has(recent)).toBe(true)
    }
  })

  it('refuses a size that cannot hold an id', () => {
    expect(() => new IdWindow(0)).toThrow(RangeError)
  })

  it('hashes to small non-negative integers, the same for equal ids built apart', () => {
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
