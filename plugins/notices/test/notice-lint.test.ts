import { describe, expect, it } from 'vitest'
import { displayWidth, type Finding, lintNotice, screenLinesOf } from '../notice-lint.js'

const options = { screenLines: 15, screenWidth: 34 }
const rulesOf = (text: string) => lintNotice(text, options).map((f: Finding) => f.rule)

describe('the notice linter', () => {
  it.each([
    [
      'a clean notice',
      '【周六分享会】\n时间：12月6日（周六）14:00\n地点：腾讯会议 123-456\n内容：期末复习方法',
      [],
    ],
    ['one long paragraph', `本周的安排如下${'大家按时完成作业并在群里打卡，'.repeat(6)}`, ['no-paragraphs']],
    [
      'too long for one screen',
      Array.from({ length: 20 }, (_, i) => `第${i + 1}条：12月8日之前完成`).join('\n'),
      ['too-long'],
    ],
    ['emoji clutter', '🎉🎉🎉 周六（12月6日）聚餐 🍲🍻🎂', ['emoji-clutter']],
    ['shouting', '12月8日必须交作业！！！', ['shouting']],
    ['a bare link', '12月8日的资料：\nhttps://example.com/x', ['bare-link']],
    ['a link with words', '12月8日的复习资料在这里 https://example.com/x', []],
    ['a time with no date', '晚上8点开会，请准时参加', ['time-without-date']],
    ['a time with a weekday', '周三晚上8点开会，请准时参加', []],
    ['a clock time with no date', '会议 19:30 开始', ['time-without-date']],
    ['@所有人 twice', '@所有人 12月8日交作业\n@所有人 别忘了', ['at-all']],
    ['traditional and full width', '１２月８日（週一）交作業', []],
  ])('%s', (_name, text, rules) => {
    expect(rulesOf(text)).toEqual(rules)
  })

  it('measures text as a phone shows it: a Chinese character or emoji twice the width of a letter', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('你好')).toBe(4)
    expect(displayWidth('🎉a')).toBe(3)
    expect(screenLinesOf('一'.repeat(17), 34)).toBe(1)
    expect(screenLinesOf(`${'一'.repeat(18)}\n\n短`, 34)).toBe(4)
  })
})
