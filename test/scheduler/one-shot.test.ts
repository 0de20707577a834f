import { afterEach, describe, expect, it } from 'vitest'
import { definePlugin } from '../../src/index.js'
import { TestChat, tempDir } from '../support/harness.js'

/** A plugin that says "时间到：X" when a timer it set with /定时 X fires. */
const alarm = definePlugin({
  name: 'alarm',
  displayName: '闹钟',
  setup(ctx) {
    ctx.schedule.timer('ring', async (payload) => {
      const { roomKey, what } = payload as { roomKey: string; what: string }
      await ctx.send(roomKey, `时间到：${what}`)
    })
    ctx.command({
      name: 'alarm',
      aliases: ['定时'],
      description: '一分钟后提醒',
      run: async ({ msg, args, reply }) => {
        const roomKey = msg.room?.key as string
        await ctx.schedule.after('ring', `ring-${roomKey}`, 60_000, { roomKey, what: args[0] })
        await reply('好')
      },
    })
    ctx.command({
      name: 'unalarm',
      aliases: ['取消定时'],
      description: '取消',
      run: async ({ msg, reply }) => {
        await ctx.schedule.cancel(`ring-${msg.room?.key}`)
        await reply('已取消')
      },
    })
  },
})

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

describe('one-shot timers', () => {
  it('fire once when the clock passes them, not before', async () => {
    chat = await TestChat.start({ plugins: [alarm] })
    await chat.line(':clock 2026-12-01 10:00')
    await chat.line('小明: /定时 开会')
    expect(await chat.say(':advance 1m')).toBe('[训练营1组] 小助手: 时间到：开会')
    expect(await chat.line(':advance 1h')).toEqual([])
  })

  it('are moved by setting them again and undone by cancel', async () => {
    chat = await TestChat.start({ plugins: [alarm] })
    await chat.line(':clock 2026-12-01 10:00')
    await chat.line('小明: /定时 一')
    await chat.line('小明: /定时 二')
    expect(await chat.line(':advance 1m')).toEqual(['[训练营1组] 小助手: 时间到：二'])
    await chat.line('小明: /定时 三')
    await chat.line('小明: /取消定时')
    expect(await chat.line(':advance 1d')).toEqual([])
  })

  it('survive a restart: one that came due while the bot was down fires once at start', async () => {
    const dataDir = tempDir()
    chat = await TestChat.start({ plugins: [alarm], dataDir, startAt: new Date('2026-12-01T02:00:00Z') })
    await chat.line('小明: /定时 交作业')
    await chat.stop()
    chat = await TestChat.start({ plugins: [alarm], dataDir, startAt: new Date('2026-12-01T03:00:00Z') })
    expect(chat.sandbox.startupOutput).toEqual(['[训练营1组] 小助手: 时间到：交作业'])
    await chat.stop()
    chat = await TestChat.start({ plugins: [alarm], dataDir, startAt: new Date('2026-12-01T04:00:00Z') })
    expect(chat.sandbox.startupOutput).toEqual([])
  })
})
