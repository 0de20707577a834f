import { CronExpressionParser } from 'cron-parser'
import { validateDetailed } from 'node-cron'
import { parseHourMinute, wallTime } from '../time/zoned.js'
import { type JobRecord, ScheduleError } from './types.js'

/**
 * Validation and slot arithmetic. cron-parser computes slots (catch-up, manual driver, nextRun) while
 * node-cron fires them in production, so an expression is accepted only if both read it the same way.
 */

/** The canonical IANA name, so that 'asia/shanghai' and 'Asia/Shanghai' count as the same schedule. */
export function canonicalTimeZone(timeZone: string, id: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone
  } catch {
    throw new ScheduleError(
      `job "${id}": unknown time zone "${timeZone}" (expected an IANA name like Asia/Shanghai)`,
    )
  }
}

export function assertCron(expr: string, id: string): void {
  const why = cronProblem(expr)
  if (why) throw new ScheduleError(`job "${id}": invalid cron "${expr}": ${why}`)
}

function cronProblem(expr: string): string | undefined {
  const detailed = validateDetailed(expr)
  if (!detailed.valid) return detailed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')
  try {
    const expression = CronExpressionParser.parse(expr)
    const { fields } = expression
    // node-cron ANDs a restricted day-of-month with a restricted day-of-week, cron-parser ORs them:
    // the two would disagree on when the job runs, so such expressions are refused.
    if (!fields.dayOfMonth.isWildcard && !fields.dayOfWeek.isWildcard) {
      return 'day-of-month and day-of-week cannot both be restricted (ambiguous: AND or OR)'
    }
    // An expression that never matches (30 February) makes every later slot lookup throw.
    expression.next()
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  return undefined
}

/** 'HH:mm' (or 'HH：mm') as a daily cron expression. */
export function dailyCron(hhmm: string, id: string): string {
  const minutes = parseHourMinute(hhmm)
  if (minutes === undefined) {
    throw new ScheduleError(`job "${id}": invalid time "${hhmm}": expected HH:mm between 00:00 and 23:59`)
  }
  return `${minutes % 60} ${Math.floor(minutes / 60)} * * *`
}

type Schedule = Pick<JobRecord, 'cron' | 'timeZone'>

/** The next time a daily 'HH:mm' comes round after `after`, in the zone, as an ISO instant. */
export function nextDaily(hhmm: string, timeZone: string, after: Date): string {
  return nextSlot({ cron: dailyCron(hhmm, hhmm), timeZone }, after).toISOString()
}

const HOUR_MS = 3_600_000

/** Minutes the zone's wall clock is ahead of UTC at an instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const w = wallTime(at, timeZone)
  return Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at.getTime()) / 60_000,
  )
}

/**
 * Whether the slot's wall time already came round within the hour before: the repeated hour after clocks go
 * back (02:30 happens twice). Such a slot is the same moment to the people it is meant for.
 */
export function repeatsWallTime(slot: Date, timeZone: string): boolean {
  const before = new Date(slot.getTime() - HOUR_MS)
  return offsetMinutes(before, timeZone) > offsetMinutes(slot, timeZone)
}

/**
 * The first slot strictly after `after`. Around a daylight-saving change cron-parser needs help: asked from
 * inside the hour clocks skip, it drops the day's slot that fell in the gap (02:30 → 03:30 is kept only when
 * asked from before 02:00), and after clocks go back it names a repeated wall time a second time.
 */
export function nextSlot(schedule: Schedule, after: Date): Date {
  const { cron, timeZone: tz } = schedule
  const hourBefore = new Date(after.getTime() - HOUR_MS)
  const shifting = offsetMinutes(hourBefore, tz) !== offsetMinutes(after, tz)
  const slots = CronExpressionParser.parse(cron, { currentDate: shifting ? hourBefore : after, tz })
  for (;;) {
    const slot = slots.next().toDate()
    if (slot > after && !repeatsWallTime(slot, tz)) return slot
  }
}

/** The last slot at or before `atOrBefore` (prev() is strict, hence the extra millisecond). */
export function latestSlot(schedule: Schedule, atOrBefore: Date): Date | undefined {
  const currentDate = new Date(atOrBefore.getTime() + 1)
  try {
    return CronExpressionParser.parse(schedule.cron, { currentDate, tz: schedule.timeZone }).prev().toDate()
  } catch {
    return undefined
  }
}

export function sameSchedule(a: Schedule | undefined, b: Schedule): boolean {
  return a !== undefined && a.cron === b.cron && a.timeZone === b.timeZone
}

/** lastRun as a Date, or undefined when absent or unreadable (then the record is treated as new). */
export function lastRunOf(record: JobRecord | undefined): Date | undefined {
  if (record?.lastRun === undefined) return undefined
  const date = new Date(record.lastRun)
  return Number.isNaN(date.getTime()) ? undefined : date
}
