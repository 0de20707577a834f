import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { definePlugin } from '../../src/index.js'
import { bundledPlugins } from '../../src/plugins.js'
import { TestChat } from '../support/harness.js'

/** A leader command with one subcommand that members may use too. */
const clubPlugin = definePlugin({
  name: 'club',
  displayName: '社团',
  config: z.object({}),
  setup(ctx) {
    ctx.command({
      name: 'club',
      aliases: ['社团'],
      description: '组长管社团，成员看名单',
      role: 'leader',
      readOnly: true,
      run: ({ reply }) => reply('社团已开张'),
      subcommands: [
        {
          name: '名单',
          description: '谁在社团里',
          role: 'member',
          run: ({ reply }) => reply('社团名单：小明'),
        },
        { name: '解散', description: '解散社团', run: ({ reply }) => reply('社团已解散') },
      ],
    })
  },
})

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

describe('commands in a room', () => {
  it('answers /帮助 with the commands the caller may use, generated from the specs', async () => {
    chat = await TestChat.start()
    await chat.line(':room 读书会')
    const help = await chat.say('小明: /帮助')
    expect(help).toMatch(/^\[读书会\] 小助手: /)
    expect(help).toContain('/在吗')
    expect(help).toContain('/组长')
  })

  it('accepts the full-width prefix, # and English aliases', async () => {
    chat = await TestChat.start()
    expect(await chat.say('小明: ／在吗')).toContain('在的，小明')
    expect(await chat.say('小明: #在吗')).toContain('在的，小明')
    expect(await chat.say('小明: /ping')).toContain('在的，小明')
    expect(await chat.say('小明: /PING')).toContain('在的，小明')
  })

  it('matches traditional command names', async () => {
    chat = await TestChat.start()
    expect(await chat.say('小明: /幫助 組長')).toContain('/组长')
  })

  it('shows one command with /帮助 NAME', async () => {
    chat = await TestChat.start()
    const out = await chat.say('小明: /帮助 组长')
    expect(out).toContain('用法')
    expect(out).toContain('/组长 添加')
    // The owner check lives in the handler; help names who really may use it, not the router's gate.
    expect(out).toContain('/组长 添加（群主或管理员）：任命组长')
    expect(out).not.toContain('添加（组长）')
  })

  it('suggests a near miss and stays silent on anything else', async () => {
    chat = await TestChat.start()
    expect(await chat.say('小明: /帮住')).toContain('/帮助')
    expect(await chat.line('小明: /今天吃什么好呢')).toEqual([])
    expect(await chat.line('小明: 今天天气不错')).toEqual([])
  })

  it('answers the bot when addressed with @ before the command', async () => {
    chat = await TestChat.start()
    expect(await chat.say('小明: @小助手 /在吗')).toContain('在的，小明')
  })
})

describe('a command word typed together with its subcommand', () => {
  it('runs /组长添加 as /组长 添加, with the same role checks', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    await chat.line('小红: 大家好')
    expect(await chat.say('小明: /组长添加 @小红 ')).toContain('需要群主或管理员来操作')
    expect(await chat.say('王老师: /组长添加 @小红 ')).toContain('已任命组长：小红')
    expect(await chat.say('王老师: ／組長移除 @小红 ')).toContain('小红')
    expect(await chat.say('小明: /组长')).not.toContain('小红')
  })

  it('suggests the subcommand for a near miss, and leaves other glued words alone', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    expect(await chat.say('王老师: /组长天加 @小红 ')).toContain('你是不是想用 /组长 添加')
    // No subcommands to glue: the word is judged whole, as before.
    expect(await chat.line('小明: /计数一下今天的打卡人数吧')).toEqual([])
  })

  it('shows help for a command named right after /帮助', async () => {
    chat = await TestChat.start()
    const spaced = await chat.say('小明: /帮助 组长')
    expect(await chat.say('小明: /帮助组长')).toBe(spaced)
    expect(await chat.say('小明: ／幫助組長')).toBe(spaced)
    expect(await chat.say('小明: /菜单破冰进度')).toBe(await chat.say('小明: /帮助 破冰'))
    // Not a command after it: the glued word is judged whole, as before.
    expect(await chat.line('小明: /帮助一下我吧同学们')).toEqual([])
  })
})

describe('roles', () => {
  it('lets the owner name a leader, refuses members with one line naming the role', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    await chat.line('小红: 大家好')
    const refusal = await chat.line('小明: /组长 添加 @小红 ')
    expect(refusal).toHaveLength(1)
    expect(refusal[0]).toContain('需要群主或管理员来操作')
    expect(await chat.say('小明: /组长')).not.toContain('小红')
    expect(await chat.say('王老师: /组长 添加 @小红 ')).toContain('已任命组长：小红')
    expect(await chat.say('小明: /组长')).toContain('王老师（群主）、小红')
  })

  it('does not let a named leader appoint others', async () => {
    chat = await TestChat.start()
    await chat.script(':owner 王老师\n小红: 嗨\n小明: 嗨\n王老师: /组长 添加 @小红 ')
    expect(await chat.say('小红: /组长 添加 @小明 ')).toContain('群主或管理员')
  })

  it('treats configured admins as admins everywhere', async () => {
    chat = await TestChat.start({ config: { admins: ['运营小李'] } })
    await chat.line('小红: 嗨')
    expect(await chat.say('运营小李: /组长 添加 @小红 ')).toContain('已任命组长：小红')
    await chat.line(':room 二组')
    await chat.line('小张: 嗨')
    expect(await chat.say('运营小李: /组长 添加 @小张 ')).toContain('已任命组长：小张')
  })

  it('lists only the leaders still in the room, and a returning one again', async () => {
    chat = await TestChat.start()
    await chat.script(':owner 王老师\n小红: 嗨\n小明: 嗨\n王老师: /组长 添加 @小红 ')
    expect(await chat.say('小明: /组长')).toContain('的组长：王老师（群主）、小红')
    await chat.line(':leave 小红')
    expect(await chat.say('小明: /组长')).toContain('的组长：王老师（群主）\n')
    await chat.line(':join 小红')
    expect(await chat.say('小明: /组长')).toContain('的组长：王老师（群主）、小红')
  })

  it('keeps leaders per room', async () => {
    chat = await TestChat.start()
    await chat.script(':owner 王老师\n小红: 嗨\n王老师: /组长 添加 @小红 ')
    await chat.line(':room 二组')
    expect(await chat.say('小红: /组长')).not.toContain('小红')
  })
})

describe('plugin switches', () => {
  it('lets a leader switch a plugin off for one room only', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    expect(await chat.say('小明: /插件 关闭 示例')).toContain('组长')
    expect(await chat.say('王老师: /插件 关闭 示例')).toContain('已关闭「示例」')
    // Not silence, which would look like a broken bot: one word on it, then quiet for a while.
    expect(await chat.say('小明: /在吗')).toBe(
      '[训练营1组] 小助手: 小明，「示例」在本群关着，/在吗 暂时用不了。组长可以发「/插件 开启 示例」打开。',
    )
    expect(await chat.line('小明: /在吗')).toEqual([])
    expect(await chat.say('小明: /插件')).toContain('已关闭')
    await chat.line(':room 二组')
    expect(await chat.say('小明: /在吗')).toContain('在的')
    await chat.line(':room 训练营1组')
    expect(await chat.say('王老师: /插件 开启 example')).toContain('已开启')
    expect(await chat.say('小明: /在吗')).toContain('在的')
  })
})

describe('private chat', () => {
  it('answers commands meant for anywhere and explains room-only ones', async () => {
    chat = await TestChat.start()
    expect(await chat.say(':dm 小明: /在吗')).toBe('[私聊 小明] 小助手: 在的，小明～有什么可以帮你？')
    expect(await chat.say(':dm 小明: /组长')).toContain('要在群里用')
  })
})

describe('subcommands', () => {
  it('suggests a near-miss subcommand instead of running the parent', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    expect(await chat.say('王老师: /插件 关壁 示例')).toContain('/插件 关闭')
    expect(await chat.say('小明: /在吗')).toContain('在的')
  })

  it('suggests to a member only the subcommands a member may use, and refuses the rest', async () => {
    chat = await TestChat.start({ plugins: [...bundledPlugins([]), clubPlugin] })
    await chat.line(':owner 王老师')
    // A typo of the one subcommand members may use: the suggestion, not a refusal for the leader command.
    expect(await chat.say('小明: /社团 名丹')).toContain('你是不是想用 /社团 名单')
    expect(await chat.say('小明: /社团 名单')).toContain('社团名单')
    // A typo of a leader-only subcommand earns a member the same refusal as the command itself.
    expect(await chat.say('小明: /社团 解撒')).toContain('组长')
    expect(await chat.say('小明: /社团 解撒')).not.toContain('是不是')
    // Leaders hear about every subcommand.
    expect(await chat.say('王老师: /社团 解撒')).toContain('你是不是想用 /社团 解散')
  })
})
