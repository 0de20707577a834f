import { z } from 'zod'
import { definePlugin } from '../../src/index.js'

/**
 * A plugin made for the scheduling tests: a morning post, an evening job that must catch up after downtime,
 * and jobs members create at run time that must survive restarts. Its words are plain strings on purpose:
 * test doubles are not product text.
 */
export const clockPlugin = definePlugin({
  name: 'clocktest',
  displayName: '时钟测试',
  config: z.object({}),
  setup(ctx) {
    const timers = ctx.store.table<{ roomKey: string; at: string; text: string }>('timers')
    const postToAll = async (text: string) => {
      for (const room of await ctx.rooms.list()) await ctx.send(room.key, text, { origin: 'scheduled' })
    }
    ctx.schedule.daily('morning', '08:00', () => postToAll('早上好'))
    ctx.schedule.daily(
      'evening',
      '21:00',
      (run) => postToAll(run.catchingUp ? '补发：晚间提醒' : '晚间提醒'),
      {
        catchUp: 'once',
      },
    )
    const arm = (id: string, t: { roomKey: string; at: string; text: string }) =>
      ctx.schedule.daily(id, t.at, () => ctx.send(t.roomKey, t.text))
    for (const [id, t] of timers.entries()) arm(id, t)
    ctx.command({
      name: 'timer',
      aliases: ['定时'],
      description: '定时发一句话',
      async run({ msg, args, reply }) {
        const [at, ...words] = args
        if (!msg.room || !at) return
        const id = `t${timers.size + 1}`
        const timer = { roomKey: msg.room.key, at, text: words.join(' ') }
        await timers.set(id, timer)
        arm(id, timer)
        await reply(`好的，每天 ${at} 发送`)
      },
    })
    ctx.command({
      name: 'late',
      aliases: ['深夜广播'],
      description: '以定时消息的身份立即发送',
      async run({ msg, rest }) {
        if (msg.room) await ctx.send(msg.room.key, rest, { origin: 'scheduled' })
      },
    })
  },
})
