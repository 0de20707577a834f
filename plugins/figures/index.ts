import { z } from 'zod'
import type { CommandInvocation } from '../../src/index.js'
import { definePlugin, type FiguresSource, SOURCES } from '../../src/index.js'
import { localDate, startOfWeek } from '../../src/time/zoned.js'
import { ActiveDays } from './active-days.js'
import { computeFigures } from './figures.js'

const figuresConfig = z.object({
  /** the weekly report to the ops room (or the admins in private): a cron, empty for none; default Monday 09:00 */
  weeklyReport: z.string().default('0 9 * * 1'),
  /** the room ops staff read the report in; empty sends it to the admins in private */
  opsRoom: z.string().default(''),
})

/** What the check-in plugin shares: who checked in on a check-in day. */
interface CheckinDays {
  checkedIn(roomKey: string, day: string): string[]
}

/**
 * 数据: a room's figures from its own records: members, new this week, active today and over 7 days, silent
 * (7 days), churned (60 days without a word), today's check-in rate, retention of joiners on day 1, 7 and 30.
 * Joins are recorded from the day the plugin runs; activity comes from the room log.
 */
export default definePlugin({
  name: 'figures',
  displayName: '数据',
  description: '社群数据：活跃、沉默、流失、留存、打卡率',
  config: figuresConfig,
  setup(ctx, config) {
    const joins = ctx.store.table<Record<string, string>>('joins')
    const dayOf = (date: Date) => localDate(date, ctx.clock.timeZone)
    // Dated when the bot learns of the join, on its own clock: an IM's event dates vary by protocol.
    ctx.onJoin(async ({ room, members }) => {
      const day = dayOf(ctx.clock.now())
      await joins.update(room.key, (known) => ({
        ...known,
        ...Object.fromEntries(members.map((m) => [m.key, known?.[m.key] ?? day])),
      }))
    })

    const active = new ActiveDays(ctx.history, ctx.clock.timeZone)

    async function figuresOf(roomKey: string) {
      const now = ctx.clock.now()
      const members = (await ctx.rooms.members(roomKey)).map((m) => m.key)
      const activeDays = await active.of(roomKey, now)
      const watchedSince = active.watchedSince(roomKey, now)
      const checkins = ctx.use<CheckinDays>('checkin.days')
      const today = dayOf(now)
      return computeFigures({
        members,
        joinedOn: new Map(Object.entries(joins.get(roomKey) ?? {})),
        activeDays,
        checkedInToday: checkins ? new Set(checkins.checkedIn(roomKey, today)) : undefined,
        today,
        weekStart: dayOf(startOfWeek(now, ctx.clock.timeZone)),
        watchedSince,
      })
    }

    ctx.provide<FiguresSource>(SOURCES.figures, { of: figuresOf })

    ctx.command({
      name: 'figures',
      aliases: ['数据'],
      description: '本群的活跃、沉默、流失、留存和打卡率',
      role: 'leader',
      scope: 'room',
      readOnly: true,
      run: async (call: CommandInvocation) => {
        const room = call.msg.room as { key: string; topic: string }
        await call.reply(
          ctx.render('figures/report.njk', { topic: room.topic, ...(await figuresOf(room.key)) }),
        )
      },
    })

    if (config.weeklyReport !== '') {
      ctx.schedule.cron('weekly-report', config.weeklyReport, async () => {
        const rooms = await ctx.rooms.list()
        const reports: string[] = []
        for (const room of rooms) {
          if (!ctx.enabledIn(room.key)) continue
          reports.push(
            ctx.render('figures/report.njk', { topic: room.topic, ...(await figuresOf(room.key)) }),
          )
        }
        if (reports.length === 0) return
        const text = ctx.render('figures/weekly.njk', { reports })
        const ops = config.opsRoom !== '' ? rooms.find((r) => r.topic === config.opsRoom) : undefined
        if (ops) await ctx.send(ops.key, text)
        else for (const admin of await ctx.rooms.admins()) await ctx.sendDirect(admin.key, text)
      })
    }
  },
})
