import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { definePlugin } from '../../src/index.js'
import { TestChat } from '../support/harness.js'

/**
 * A plugin whose jobs send without saying what kind of post it is, one job per room: the core must treat
 * their sends as scheduled posts, and skip a room's job where the plugin is switched off. Plain strings: a
 * test double, not product text.
 */
const roomJobs = definePlugin({
  name: 'roomjobs',
  displayName: '房间任务',
  config: z.object({}),
  setup(ctx) {
    ctx.command({
      name: 'nightly',
      aliases: ['夜报'],
      description: '每晚23点在本群发一句',
      run: async ({ msg, reply }) => {
        const room = msg.room?.key as string
        ctx.schedule.daily(`night:${room}`, '23:00', () => ctx.send(room, `${msg.room?.topic}的夜报`), {
          room,
        })
        await reply('好')
      },
    })
  },
})

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

describe('work started by a schedule', () => {
  it('sends scheduled posts: held in the quiet hours without the plugin saying so', async () => {
    chat = await TestChat.start({ plugins: [roomJobs] })
    await chat.script(':clock 2026-12-01 20:00\n:owner 王老师')
    await chat.line('王老师: /夜报')
    expect(await chat.line(':advance 3h')).toEqual([])
    expect(await chat.line(':advance 9h')).toEqual(['[训练营1组] 小助手: 训练营1组的夜报'])
  })

  it('does not run a room’s job where the plugin is switched off', async () => {
    chat = await TestChat.start({ plugins: [roomJobs], config: { outbox: { quietHours: null } } })
    await chat.script(
      ':clock 2026-12-01 20:00\n:room 甲群\n:owner 王老师\n王老师: /夜报\n:room 乙群\n:owner 李老师\n李老师: /夜报',
    )
    await chat.line('李老师: /插件 关闭 房间任务')
    expect(await chat.line(':advance 3h')).toEqual(['[甲群] 小助手: 甲群的夜报'])
    await chat.line('李老师: /插件 开启 房间任务')
    expect(await chat.line(':advance 1d')).toEqual(['[甲群] 小助手: 甲群的夜报', '[乙群] 小助手: 乙群的夜报'])
  })
})
