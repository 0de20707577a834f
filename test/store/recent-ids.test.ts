import { describe, expect, it } from 'vitest'
import { RecentIds } from '../../src/store/recent-ids.js'

describe('RecentIds', () => {
  it('says whether an id was new when it is added', () => {
    const ids = new RecentIds(10)
    expect(ids.add('a')).toBe(true)
    expect(ids.add('b')).toBe(true)
    expect(ids.add('a')).toBe(false)
    expect(ids.has('b')).toBe(true)
    expect(ids.has('c')).toBe(false)
  })

  it('remembers at least the newest `keep` ids and at most twice that', () => {
    const ids = new RecentIds(100)
    for (let i = 0; i < 1000; i++) expect(ids.add(`m${i}`)).toBe(true)
    expect(ids.size).toBeGreaterThanOrEqual(100)
    expect(ids.size).toBeLessThanOrEqual(200)
    for (let i = 900; i < 1000; i++) expect(ids.has(`m${i}`)).toBe(true)
    expect(ids.has('m0')).toBe(false)
    expect(ids.has('m799')).toBe(false)
    // A forgotten id counts as new again.
    expect(ids.add('m0')).toBe(true)
  })

  it('refuses a size that cannot hold an id', () => {
    expect(() => new RecentIds(0)).toThrow(RangeError)
  })
})
