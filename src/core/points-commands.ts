import type { CommandSpec, PluginContext } from '../host/types.js'
import { localDate, startOfWeek } from '../time/zoned.js'

const LAST_ENTRIES = 5
const TOP = 10

/** `/积分`: my points in this room and my latest entries with their reasons. */
export function myPointsCommand(ctx: PluginContext): CommandSpec {
  return {
    name: 'points',
    aliases: ['积分', '我的积分'],
    description: '看看我在本群的积分和最近的积分记录',
    scope: 'room',
    readOnly: true,
    async run({ msg, reply }) {
      const roomKey = (msg.room as { key: string }).key
      const entries = ctx.points.entries(roomKey, msg.sender.key, { limit: LAST_ENTRIES }).map((e) => ({
        ...e,
        day: localDate(new Date(e.time), ctx.clock.timeZone).slice(5),
      }))
      await reply(
        ctx.render('core/points-mine.njk', {
          name: msg.sender.name,
          balance: ctx.points.balance(roomKey, msg.sender.key),
          entries,
        }),
      )
    },
  }
}

/** `/排行榜`: the room's top ten of all time and of this week (from Monday 00:00 in the community's zone). */
export function rankingCommand(ctx: PluginContext): CommandSpec {
  return {
    name: 'ranking',
    aliases: ['排行榜', '积分榜', '排行'],
    description: '本群积分排行榜：总榜和本周榜',
    scope: 'room',
    readOnly: true,
    async run({ msg, reply }) {
      const roomKey = (msg.room as { key: string }).key
      const since = startOfWeek(ctx.clock.now(), ctx.clock.timeZone)
      await reply(
        ctx.render('core/points-ranking.njk', {
          topic: msg.room?.topic,
          allTime: ctx.points.ranking(roomKey, { limit: TOP }),
          thisWeek: ctx.points.ranking(roomKey, { since, limit: TOP }),
          weekFrom: localDate(since, ctx.clock.timeZone).slice(5),
        }),
      )
    },
  }
}
