import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { definePlugin } from '../../src/index.js'
import { TestChat } from '../support/harness.js'

/**
 * A plugin that reads its room's log back: `/回顾` lists what was said since the last `/回顾` (by position),
 * `/今天` what was said today. Plain strings: a test double, not product text.
 */
const historyPlugin = definePlugin({
  name: 'historytest',
  displayName: '回顾测试',
  config: z.object({}),
  setup(ctx) {
    const cursors = ctx.store.table<string>('cursors')
    const line = (e: { sender: { name: string }; text: string; bot: boolean; kind: string }) =>
      e.bot ? `[机器人]${e.sender.name}` : `${e.sender.name}:${e.kind === 'image' ? '[图片]' : e.text}`
    ctx.command({
      name: 'recap',
      aliases: ['回顾'],
      description: '回顾',
      async run({ msg, reply }) {
        const room = msg.room?.key as string
        const since = new Date(ctx.clock.now().getTime() - 7 * 86_400_000)
        const entries = await ctx.history.after(room, cursors.get(room), since)
        const shown = entries.filter((e) => e.id !== msg.id)
        const last = shown[shown.length - 1]
        if (last) await cursors.set(room, last.position)
        await reply(shown.map(line).join(' | ') || '（没有新消息）')
      },
    })
    ctx.command({
      name: 'today',
      aliases: ['今天'],
      description: '今天',
      async run({ msg, reply }) {
        const room = msg.room?.key as string
        const start = new Date(ctx.clock.now().getTime() - 3_600_000)
        const entries = await ctx.history.between(room, start)
        await reply(`${entries.filter((e) => !e.bot).length} 条`)
      },
    })
  },
})

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

describe('plugins read their room’s log through the context', () => {
  it('reading on from the last position neither repeats nor misses, and marks the bot’s own words', async () => {
    chat = await TestChat.start({ plugins: [historyPlugin], startAt: new Date('2026-12-04T02:00:00Z') })
    await chat.script(':room 读书会\n:room 跑步群\n:room 读书会\n小明: 今天读到第三章\n小红: 我也是')
    const first = await chat.say('小明: /回顾')
    expect(first).toContain('小明:今天读到第三章 | 小红:我也是')
    await chat.script('小红: 第三章讲得很好\n:room 跑步群\n小刚: 跑步群的话\n:room 读书会')
    const second = (await chat.say('小明: /回顾')).replace(/^\[读书会\] 小助手: /u, '').split(' | ')
    // The first recap's command and the bot's answer to it come first, the answer marked as the bot's; nothing
    // the first recap showed comes again, nothing from the other room comes at all.
    expect(second[0]).toBe('小明:/回顾')
    expect(second[1]).toBe('[机器人]小助手')
    expect(second.slice(2)).toEqual(['小红:第三章讲得很好'])
  })

  it('survives a restart: positions are places in the files, not in memory', async () => {
    chat = await TestChat.start({ plugins: [historyPlugin], startAt: new Date('2026-12-04T02:00:00Z') })
    const dataDir = chat.dataDir
    await chat.script(':room 读书会\n小明: 第一句\n小明: /回顾\n小红: 第二句')
    await chat.stop()
    chat = await TestChat.start({
      plugins: [historyPlugin],
      dataDir,
      startAt: new Date('2026-12-04T02:10:00Z'),
    })
    await chat.script(':room 读书会')
    const recap = (await chat.say('小明: /回顾')).replace(/^\[读书会\] 小助手: /u, '').split(' | ')
    expect(recap.filter((line) => !line.startsWith('[机器人]'))).toEqual(['小明:/回顾', '小红:第二句'])
  })

  it('reads a time range of one room only', async () => {
    chat = await TestChat.start({ plugins: [historyPlugin], startAt: new Date('2026-12-04T02:00:00Z') })
    await chat.script(
      ':room 读书会\n小明: 早\n:advance 2h\n小红: 下午好\n:room 跑步群\n小刚: 一\n小刚: 二\n:room 读书会',
    )
    expect(await chat.say('小明: /今天')).toContain('2 条')
  })
})
