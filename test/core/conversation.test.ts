import { afterEach, describe, expect, it } from 'vitest'
import { separateMentions } from '../../src/outbox/mentions.js'
import { TestChat } from '../support/harness.js'
import { watchSends } from '../support/sends.js'

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

const ROOM = '[训练营1组] 小助手: '

describe('the bot answers people who talk to it', () => {
  it('introduces itself to a member who @-mentions it without a command, and says how to get help', async () => {
    chat = await TestChat.start()
    const bare = await chat.say('小明: @小助手')
    expect(bare).toMatch(/^\[训练营1组\] 小助手: @小明 在呢！我是小助手/)
    expect(bare).toContain('/帮助')
    expect(await chat.say('小红: @小助手 你好')).toContain('@小红 在呢')
  })

  it('tells a member who @-mentions it with an unknown command that it does not know it', async () => {
    chat = await TestChat.start()
    expect(await chat.say('小明: @小助手 /天气 北京')).toContain('「/天气」这个命令我还不会')
  })

  it('answers each member at most once in five minutes, so a group cannot make it chatter', async () => {
    chat = await TestChat.start()
    await chat.line(':clock 2026-12-01 10:00')
    expect(await chat.line('小明: @小助手')).toHaveLength(1)
    expect(await chat.line('小明: @小助手 你好')).toEqual([])
    expect(await chat.line('小明: @小助手 在吗')).toEqual([])
    await chat.line(':advance 5m')
    expect(await chat.line('小明: @小助手 在吗')).toHaveLength(1)
  })

  it('stays silent on an unknown command nobody addressed to it, and on plain chat', async () => {
    chat = await TestChat.start()
    expect(await chat.line('小明: /天气 北京')).toEqual([])
    expect(await chat.line('小明: 今天天气不错')).toEqual([])
  })

  it('answers a private message that is not a command, worded for a private chat', async () => {
    chat = await TestChat.start()
    const hello = await chat.say(':dm 小明: 你好')
    expect(hello).toMatch(/^\[私聊 小明\] 小助手: 你好呀，小明！/)
    expect(hello).toContain('/帮助')
    expect(hello).not.toContain('这个群')
    expect(await chat.say(':dm 小红: /天气 北京')).toContain('「/天气」这个命令我还不会')
  })

  it('leaves a message that mentions the bot to the plugin that claims it', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    const out = await chat.say('小明: @小助手 @王老师 领礼物')
    expect(out).not.toContain('在呢')
  })
})

describe('help fits where it is asked and who asks', () => {
  it('in private, lists what works in private and names the commands that are for groups', async () => {
    chat = await TestChat.start()
    const help = await chat.say(':dm 小明: /帮助')
    expect(help).toContain('私聊里可以用这些')
    expect(help).not.toContain('在这个群里')
    expect(help).toMatch(/在群里还可以用：.*\/破冰/)
    expect(help).not.toMatch(/· \/破冰/)
    expect(help).not.toMatch(/· \/组长/)
  })

  it('in private, says a group command is for groups', async () => {
    chat = await TestChat.start()
    expect(await chat.say(':dm 小明: /帮助 破冰')).toContain('「破冰」要在群里用')
  })

  it("gives a member an example they may use, never a leader's command", async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    const help = await chat.say('小明: /帮助')
    const example = /例如「\/帮助 (\S+?)」/.exec(help)?.[1]
    expect(example).toBeDefined()
    expect(example).not.toBe('破冰')
    expect(help).toContain(`/${example}`)
  })
})

describe('roles say the truth', () => {
  it('says the owner is always a leader, and refuses to remove them', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    expect(await chat.say('王老师: /组长 添加 @王老师')).toContain(
      '王老师是群主，群主一直都是组长，不用再任命',
    )
    expect(await chat.say('王老师: /组长 移除 @王老师')).toContain('不能移除')
    expect(await chat.say('王老师: /组长')).toContain('王老师（群主）')
  })

  it('words the leader list for one leader and for many', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    const one = await chat.say('小明: /组长')
    expect(one).toContain('有事可以直接找群主')
    expect(one).not.toContain('他们')
    await chat.line('小红: 大家好')
    await chat.line('王老师: /组长 添加 @小红')
    expect(await chat.say('小明: /组长')).toContain('王老师（群主）、小红\n  有事可以直接找他们')
  })
})

describe('mentions the bot writes', () => {
  it('ends each mention with the separator WeChat uses, so the name never runs into the text', async () => {
    expect(separateMentions('欢迎@新人A训练营1组', [{ key: 'a', name: '新人A' }])).toBe(
      '欢迎@新人A\u2005训练营1组',
    )
    expect(
      separateMentions('@小明 @小明同学 你好', [
        { key: 'a', name: '小明' },
        { key: 'b', name: '小明同学' },
      ]),
    ).toBe('@小明\u2005@小明同学\u2005你好')
    expect(separateMentions('邮箱 a@b.c', [{ key: 'a', name: '小明' }])).toBe('邮箱 a@b.c')
  })

  it("sends a leader's welcome with {新人}{群名} as a mention set off from the room's name", async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    await chat.line('王老师: /破冰 欢迎语 欢迎{新人}{群名}的新朋友')
    const sent = watchSends(chat)
    const out = await chat.say(':join 新人A')
    expect(sent[0]?.text).toContain('@新人A\u2005训练营1组')
    expect(out).toContain('@新人A 训练营1组')
  })
})

describe('a cool-down on commands that @-mention many members', () => {
  it('lets /破冰 提醒 run once per room in half an hour and says when it may run again', async () => {
    chat = await TestChat.start()
    await chat.line(':clock 2026-12-01 10:00')
    await chat.line(':owner 王老师')
    await chat.line('小明: 大家好')
    expect(await chat.say('王老师: /破冰 提醒')).toContain('@小明')
    const again = await chat.say('王老师: /破冰 提醒')
    expect(again).toBe(
      `${ROOM}「/破冰 提醒」刚刚用过，为了不频繁打扰大家，10:30 之后（约 30 分钟）可以再用～`,
    )
    await chat.line(':advance 30m')
    expect(await chat.say('王老师: /破冰 提醒')).toContain('@小明')
  })
})
