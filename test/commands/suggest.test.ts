import { describe, expect, it } from 'vitest'
import { suggestCommand } from '../../src/commands/suggest.js'

const COMMANDS = [
  '帮助',
  '破冰',
  '组长',
  '插件',
  '打卡',
  '猜谜',
  '看图',
  '积分',
  '排行榜',
  '话题',
  '总结',
  '精华',
  '公告',
  '待办',
  '数据',
  'help',
  'ping',
  'icebreaker',
]

describe('suggestCommand: close inputs', () => {
  const cases: Array<[string, string]> = [
    ['帮住', '帮助'],
    ['打咔', '打卡'],
    ['猜迷', '猜谜'],
    ['排航榜', '排行榜'],
    ['排行', '排行榜'],
    ['排行版', '排行榜'],
    ['精化', '精华'],
    ['幫助', '帮助'],
    ['hlep', 'help'],
    ['HELP!', 'help'],
    ['ｈｅｌｐｓ', 'help'],
    ['pnig', 'ping'],
    ['pin', 'ping'],
    ['icebraker', 'icebreaker'],
    ['ice-breakr', 'icebreaker'],
    // Two edits on a name of four or more letters is within the rule, even for a real word.
    ['hello', 'help'],
    ['IceBreakers', 'icebreaker'],
  ]
  it.each(cases)('%j -> %j', (input, expected) => {
    expect(suggestCommand(input, COMMANDS)).toBe(expected)
  })
})

describe('suggestCommand: nothing close', () => {
  const cases = [
    '你好',
    '哈哈哈',
    '谢谢',
    '早上好',
    '在吗',
    '天气',
    'pong pong',
    'hi',
    'p',
    'x',
    '',
    '   ',
    '😀',
    '😀😀😀',
    '今天的天气真不错啊',
    // Everyday two-character words that share one character with a command name are other words.
    '问题',
    '公司',
    '帮忙',
    '看看',
    '数学',
    '组织',
  ]
  it.each(cases)('%j', (input) => {
    expect(suggestCommand(input, COMMANDS)).toBeUndefined()
  })
})

describe('suggestCommand: exact matches and edge cases', () => {
  const exact: Array<[string, string[]]> = [
    ['帮助', COMMANDS],
    ['Help', COMMANDS],
    ['ＨＥＬＰ', COMMANDS],
    ['help', ['help', 'hello']],
  ]
  it.each(exact)('%j is a command, not a typo', (input, candidates) => {
    expect(suggestCommand(input, candidates)).toBeUndefined()
  })

  it('returns the candidate as listed, not its folded form', () => {
    expect(suggestCommand('hlep', ['Help'])).toBe('Help')
  })

  it('prefers the smaller distance, then the earlier candidate', () => {
    expect(suggestCommand('pingg', ['pinggxx', 'ping'])).toBe('ping')
    expect(suggestCommand('abcd', ['abce', 'abcf'])).toBe('abce')
    expect(suggestCommand('abcd', ['abcf', 'abce'])).toBe('abcf')
  })

  it('prefers a homophone over a one-character typo', () => {
    expect(suggestCommand('帮住', ['帮忙', '帮助'])).toBe('帮助')
  })

  it('uses pinyin slack only on long pinyin', () => {
    // zongjia vs zongjie: one pinyin edit on 7 letters.
    expect(suggestCommand('宗家', ['总结'])).toBe('总结')
    // daka vs dake: 4 letters, still allowed; da vs de is 2 letters and not.
    expect(suggestCommand('大可', ['打卡'])).toBe('打卡')
    expect(suggestCommand('的', ['大'])).toBeUndefined()
  })

  it('never calls a total replacement a typo', () => {
    expect(suggestCommand('x', ['p'])).toBeUndefined()
    expect(suggestCommand('xy', ['a'])).toBeUndefined()
    expect(suggestCommand('a', ['ab'])).toBe('ab')
  })

  it('survives no candidates and huge input', () => {
    expect(suggestCommand('帮住', [])).toBeUndefined()
    expect(suggestCommand('', [''])).toBeUndefined()
    expect(suggestCommand('帮'.repeat(10_000), COMMANDS)).toBeUndefined()
  })
})
