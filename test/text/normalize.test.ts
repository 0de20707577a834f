import { describe, expect, it } from 'vitest'
import {
  foldForSearch,
  isBlank,
  normalizeForMatch,
  toHalfWidth,
  toSimplified,
  toSimplifiedAligned,
} from '../../src/text/normalize.js'

const LONG = '暱稱：小明，最喜歡吃的食物是火鍋🍲！Ｈｅｌｌｏ　'.repeat(400).slice(0, 10_000)

describe('toSimplified', () => {
  it.each([
    ['暱稱', '昵称'],
    ['喜歡', '喜欢'],
    ['空閒時', '空闲时'],
    ['閑暇', '闲暇'],
    ['做什麼', '做什么'],
    ['做甚麼', '做什么'],
    ['最喜歡吃的食物', '最喜欢吃的食物'],
    ['禮物 領取', '礼物 领取'],
    ['衞生 著名', '卫生 著名'],
    ['綫上', '线上'],
  ])('%s → %s', (input, expected) => {
    expect(toSimplified(input)).toBe(expected)
  })

  it('leaves simplified, ASCII and emoji alone', () => {
    expect(toSimplified('昵称 hello 😀 123')).toBe('昵称 hello 😀 123')
    expect(toSimplified('')).toBe('')
  })
})

describe('toSimplifiedAligned', () => {
  it('always keeps the UTF-16 length', () => {
    for (const text of ['網際網路', '暱稱：小明', '𠮷野家', LONG]) {
      expect(toSimplifiedAligned(text)).toHaveLength(text.length)
    }
  })
})

describe('toHalfWidth', () => {
  it('turns full-width ASCII and wide spaces into ASCII', () => {
    expect(toHalfWidth('ＡＢＣ１２３：，！？＠')).toBe('ABC123:,!?@')
    expect(toHalfWidth('a\u3000b\u2005c')).toBe('a b c')
  })

  it('keeps Chinese punctuation outside the full-width ASCII block and the length', () => {
    expect(toHalfWidth('你好。、「」')).toBe('你好。、「」')
    expect(toHalfWidth(LONG)).toHaveLength(LONG.length)
  })
})

describe('foldForSearch', () => {
  it('folds width, script and ASCII case without changing the length', () => {
    expect(foldForSearch('暱稱：ＴＯＭ')).toBe('昵称:tom')
    expect(foldForSearch(LONG)).toHaveLength(LONG.length)
  })
})

describe('normalizeForMatch', () => {
  it.each([
    ['Ｈｅｌｌｏ，世界！', 'hello世界'],
    ['  暱稱：小明  ', '昵称小明'],
    ['《红楼梦》', '红楼梦'],
    ['Hello, World!', 'helloworld'],
    ['火锅🍲🔥', '火锅'],
    ['👍🏻👨‍👩‍👧❤️🇨🇳', ''],
    ['1️⃣', '1'],
    ['ABC中文123テスト', 'abc中文123テスト'],
    ['a\u3000b\u2005c\td\ne', 'abcde'],
    ['zero\u200bwidth', 'zerowidth'],
    ['①②', '12'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected)
  })

  it('makes traditional and simplified answers equal', () => {
    expect(normalizeForMatch('空閒時喜歡做什麼？')).toBe(normalizeForMatch('空闲时喜欢做什么'))
  })

  it('folds 10,000 characters (its cost is in npm run bench:text)', () => {
    const result = normalizeForMatch(LONG)
    expect(result).not.toMatch(/[\s，！：🍲]/u)
    expect(result.startsWith('昵称小明最喜欢吃的食物是火锅hello')).toBe(true)
  })
})

describe('isBlank', () => {
  it.each([
    ['', true],
    ['   ', true],
    ['\u3000\n\t', true],
    ['\u200b\ufeff', true],
    [null, true],
    [undefined, true],
    ['a', false],
    [' 。 ', false],
    ['😀', false],
  ])('%j → %s', (input, expected) => {
    expect(isBlank(input)).toBe(expected)
  })
})
