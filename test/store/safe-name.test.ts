import { describe, expect, it } from 'vitest'
import { safeName } from '../../src/store/safe-name.js'

describe('safeName', () => {
  it('leaves ordinary room keys readable', () => {
    expect(safeName('123456@chatroom')).toBe('123456@chatroom')
    expect(safeName('icebreaker')).toBe('icebreaker')
  })

  it('cannot name the current or parent directory, or a path', () => {
    for (const key of ['.', '..', '../x', 'a/b', 'a\\b', '.hidden']) {
      const name = safeName(key)
      expect(name).not.toMatch(/^\.|[/\\]/)
    }
  })

  it('is collision-free, also under case folding', () => {
    const keys = [
      'Room',
      'room',
      'ROOM',
      'room%41',
      'roomA',
      '%',
      '%25',
      '群聊',
      '群 聊',
      '\uD800',
      '\uD801',
      'a'.repeat(500),
    ]
    keys.push(`${'a'.repeat(499)}b`)
    const names = keys.map(safeName)
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(keys.length)
  })

  it('keeps long names short enough for any file system', () => {
    expect(safeName('群'.repeat(200)).length).toBeLessThanOrEqual(120)
  })

  it('rejects an empty key', () => {
    expect(() => safeName('')).toThrow(RangeError)
  })
})
