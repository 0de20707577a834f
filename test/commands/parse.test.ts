import { describe, expect, it } from 'vitest'
import { type MemberRef, parseCommand } from '../../src/commands/parse.js'

const BOT = '小助手'
const alice: MemberRef = { key: 'wxid_alice', name: 'Alice' }
const tomLee: MemberRef = { key: 'wxid_tomlee', name: 'Tom Lee' }
const tom: MemberRef = { key: 'wxid_tom', name: 'Tom' }
const zhang: MemberRef = { key: 'wxid_zhang', name: '张 三' }
const botRef: MemberRef = { key: 'wxid_bot', name: BOT }

describe('parseCommand: prefixes and command word', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['/help', '/', 'help', []],
    ['／帮助', '／', '帮助', []],
    ['#话题 今天聊什么', '#', '话题', ['今天聊什么']],
    ['/Help me', '/', 'Help', ['me']],
    ['/ｈｅｌｐ　１２', '/', 'ｈｅｌｐ', ['１２']],
    ['  /ping', '/', 'ping', []],
    ['/破冰\n我的介绍', '/', '破冰', ['我的介绍']],
  ]
  it.each(cases)('%j', (text, prefix, name, args) => {
    expect(parseCommand(text, { botName: BOT })).toMatchObject({ prefix, name, args })
  })

  it('honours custom prefixes, longest first', () => {
    expect(parseCommand('!!roll 6', { botName: BOT, prefixes: ['!', '!!'] })).toMatchObject({
      prefix: '!!',
      name: 'roll',
      args: ['6'],
    })
    expect(parseCommand('/help', { botName: BOT, prefixes: ['!'] })).toBeUndefined()
  })
})

describe('parseCommand: leading bot mention', () => {
  const cases: Array<[string, string | undefined]> = [
    [`@${BOT}\u2005/help`, 'help'],
    [`@${BOT} /help`, 'help'],
    [`@${BOT}\u3000/help`, 'help'],
    [`@${BOT}\u2005 \u2005/help`, 'help'],
    [`@${BOT}/help`, undefined],
    [`@${BOT}2\u2005/help`, undefined],
    [`@Alice\u2005/help`, undefined],
    [`@${BOT}\u2005`, undefined],
    [`@${BOT}\u2005你好`, undefined],
  ]
  it.each(cases)('%j', (text, name) => {
    expect(parseCommand(text, { botName: BOT })?.name).toBe(name)
  })
})

describe('parseCommand: argument splitting', () => {
  const cases: Array<[string, string[]]> = [
    ['/a b  c', ['b', 'c']],
    ['/a b　c', ['b', 'c']],
    ['/a b\u2005c', ['b', 'c']],
    ['/a b\tc', ['b', 'c']],
    ['/a b\r\nc\n\nd', ['b', 'c', 'd']],
    ['/a ｂ　１２３', ['ｂ', '１２３']],
    ['/a   ', []],
    ['/a email@example.com', ['email@example.com']],
    ['/a @ b', ['@', 'b']],
  ]
  it.each(cases)('%j', (text, args) => {
    expect(parseCommand(text, { botName: BOT })?.args).toEqual(args)
  })
})

describe('parseCommand: mentions', () => {
  const known = [alice, tom, tomLee, zhang, botRef]
  const cases: Array<[string, MemberRef[], string[], string[]]> = [
    ['/swap @Alice\u2005@Tom Lee\u2005x', [alice, tomLee], [], ['x']],
    ['/swap @Tom Lee @Alice', [tomLee, alice], [], []],
    ['/swap @Tom\u2005Leeds', [tom], [], ['Leeds']],
    ['/swap @张 三\u2005@Alice', [zhang, alice], [], []],
    ['/swap @Alice@Tom', [alice, tom], [], []],
    ['/kick @Bob\u2005@Alice 理由', [alice], ['Bob'], ['理由']],
    ['/kick @Bob @Bob @Alice @Alice', [alice], ['Bob'], []],
    [`/kick @${BOT}\u2005@Alice`, [alice], [], []],
    [`/help x @${BOT}`, [], [], ['x']],
    ['/kick @Alicex', [], ['Alicex'], []],
  ]
  it.each(cases)('%j', (text, mentions, mentionNames, args) => {
    expect(parseCommand(text, { botName: BOT, mentions: known })).toMatchObject({
      mentions,
      mentionNames,
      args,
    })
  })

  it('treats every @token as text-only when the IM gives no mention list', () => {
    expect(parseCommand('/swap @Tom Lee', { botName: BOT })).toMatchObject({
      mentions: [],
      mentionNames: ['Tom'],
      args: ['Lee'],
    })
  })

  it('does not list the bot even when the IM reports it as a mention', () => {
    const parsed = parseCommand(`@${BOT}\u2005/help @${BOT}`, { botName: BOT, mentions: [botRef] })
    expect(parsed).toMatchObject({ name: 'help', mentions: [], mentionNames: [], args: [] })
  })
})

describe('parseCommand: rest', () => {
  const cases: Array<[string, string]> = [
    ['/破冰 我的介绍 第一行\n第二行\n\n第四行  ', '我的介绍 第一行\n第二行\n\n第四行'],
    ['/破冰\n  多行\r\n文本\n', '多行\r\n文本'],
    ['/help', ''],
    ['/kick @Alice\u2005太吵', '@Alice\u2005太吵'],
    [`@${BOT}\u2005/公告　内容`, '内容'],
  ]
  it.each(cases)('%j', (text, rest) => {
    expect(parseCommand(text, { botName: BOT, mentions: [alice] })?.rest).toBe(rest)
  })
})

describe('parseCommand: not a command', () => {
  const cases = [
    '',
    '/',
    '/ ',
    '/ help',
    '//',
    '//help',
    '#',
    '# 标题',
    '##',
    '/#a',
    '/@Alice',
    '／',
    'help',
    '😀😀😀',
    '你好 /help',
  ]
  it.each(cases)('%j', (text) => {
    expect(parseCommand(text, { botName: BOT, mentions: [alice] })).toBeUndefined()
  })

  it('ignores an empty prefix instead of treating every line as a command', () => {
    expect(parseCommand('hello', { botName: BOT, prefixes: [''] })).toBeUndefined()
  })

  it('handles an empty bot name', () => {
    expect(parseCommand('/help @x', { botName: '' })).toMatchObject({ name: 'help', mentionNames: ['x'] })
  })
})

describe('parseCommand: large inputs', () => {
  const longInputs: Array<[string, string]> = [
    ['long free text', `/破冰 ${'字'.repeat(10_000)}`],
    ['many words', `/a ${'x '.repeat(5_000)}`],
    ['many @ signs', `/a ${'@'.repeat(10_000)}`],
    ['many mentions', `/a ${'@Alice\u2005'.repeat(1_500)}`],
    ['many unknown mentions', `/a ${'@Bob '.repeat(2_000)}`],
    ['emoji only', '😀'.repeat(5_000)],
    ['slashes', '/'.repeat(10_000)],
  ]
  // How long these take is measured in `npm run bench:text`; here only that they are handled.
  it.each(longInputs)('%s is parsed without an error', (_label, text) => {
    const known = Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, name: `Member ${i}` }))
    expect(() => parseCommand(text, { botName: BOT, mentions: [...known, alice] })).not.toThrow()
  })

  it('keeps the whole free text of a long command', () => {
    const parsed = parseCommand(`/破冰 ${'字'.repeat(10_000)}`, { botName: BOT })
    expect(parsed?.rest.length).toBe(10_000)
  })

  it('lists a member mentioned many times once', () => {
    const parsed = parseCommand(`/a ${'@Alice\u2005'.repeat(1_500)}`, { botName: BOT, mentions: [alice] })
    expect(parsed?.mentions).toEqual([alice])
  })
})
