import { definePlugin, type NoticesTimetable, SOURCES } from '../../src/index.js'
import { jobIdOf, type NoticeDeps, noticeCommand, type TimedNotice, timedNoticeSchema } from './commands.js'
import { noticesConfig } from './config.js'
import { nextRun } from './timetable.js'

/**
 * 公告: a notice previewed with concrete advice before members see it, published (as a 【群公告】 message where
 * the account cannot set the room notice), or set to go out on a timetable, per room, across restarts.
 */
export default definePlugin({
  name: 'notices',
  displayName: '公告',
  description: '群公告：发布前给建议，可以定时发布',
  config: noticesConfig,
  setup(ctx, config) {
    const timed = ctx.store.table<TimedNotice>('timed')
    const deps: NoticeDeps = {
      ctx,
      config,
      timed,
      counters: ctx.store.table<number>('counters'),
      arm: (notice) =>
        ctx.schedule.cron(jobIdOf(notice), notice.cron, () => ctx.setNotice(notice.roomKey, notice.text), {
          room: notice.roomKey,
        }),
    }
    // A damaged record is reported with its room and id and left out; the others still run.
    for (const [key, value] of timed.entries()) {
      const checked = timedNoticeSchema.safeParse(value)
      if (!checked.success) {
        ctx.logger.warn(
          { record: key, problem: checked.error.issues[0]?.message },
          'timed notice skipped: damaged record',
        )
        continue
      }
      try {
        deps.arm(checked.data)
      } catch (error) {
        ctx.logger.warn({ record: key, err: error }, 'timed notice skipped: its timetable cannot run')
      }
    }
    ctx.provide<NoticesTimetable>(SOURCES.notices, {
      of: (roomKey) =>
        timed
          .values()
          .filter((n) => timedNoticeSchema.safeParse(n).success && n.roomKey === roomKey)
          .sort((a, b) => Number(a.id) - Number(b.id))
          .map((n) => ({ id: n.id, label: n.label, text: n.text, next: nextOf(n, ctx.clock) })),
    })
    ctx.command(noticeCommand(deps))
  },
})

/** The next run of a timed notice, or undefined when its timetable cannot run. */
function nextOf(notice: TimedNotice, clock: { now(): Date; timeZone: string }): string | undefined {
  try {
    return nextRun(notice, clock.now(), clock.timeZone).toISOString()
  } catch {
    return undefined
  }
}
