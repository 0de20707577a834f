import { describe, expect, it } from 'vitest'
import { escapeRegExp, trimPunctuation, truncateChars } from '../../src/text/trim.js'

describe('trimPunctuation', () => {
  it.each([
    ['  小明。 ', '小明'],
    ['：小明～～', '小明'],
    ['「小明」', '小明'],
    ['小明（小名）', '小明（小名）'],
    ['火锅🍲!', '火锅🍲'],
    ['...', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(trimPunctuation(input)).toBe(expected)
  })
})

describe('truncateChars', () => {
  it('counts code points, never splitting an emoji', () => {
    expect(truncateChars('😀😀😀', 2)).toBe('😀😀')
    expect(truncateChars('abc', 5)).toBe('abc')
  })
})

describe('escapeRegExp', () => {
  it('makes a literal pattern', () => {
    const text = 'a.b*c(d)[e]|f?+^$\\'
    expect(new RegExp(`^${escapeRegExp(text)}$`, 'u').test(text)).toBe(true)
  })
})
