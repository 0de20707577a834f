import { localDate, minutesOfDay, parseHourMinute, wallTime, zonedInstant } from '../time/zoned.js'
import type { QuietHours } from './types.js'

/**
 * Scheduled posts that land at night look automated and wake people up, so they wait for the end of the
 * quiet window. Windows are read in the community's time zone and may wrap midnight (22:30 → 08:00).
 */

/** The end of the quiet window `now` falls in, or undefined when `now` is outside it (or the window is unusable). */
export function quietUntil(now: Date, hours: QuietHours, timeZone: string): Date | undefined {
  const start = parseHourMinute(hours.start)
  const end = parseHourMinute(hours.end)
  if (start === undefined || end === undefined || start === end) return undefined
  const minute = minutesOfDay(now, timeZone)
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end
  if (!inside) return undefined
  return nextWallMinute(now, end, timeZone)
}

/** Midnight that starts the next local day. */
export function nextLocalDayStart(now: Date, timeZone: string): Date {
  const day = addDays(now, 1, timeZone)
  return zonedInstant({ ...day, hour: 0, minute: 0 }, timeZone)
}

/** The first instant after `now` at which the local clock shows `minuteOfDay`. */
function nextWallMinute(now: Date, minuteOfDay: number, timeZone: string): Date {
  const hour = Math.floor(minuteOfDay / 60)
  const minute = minuteOfDay % 60
  const today = wallTime(now, timeZone)
  const candidate = zonedInstant({ ...today, hour, minute }, timeZone)
  if (candidate.getTime() > now.getTime()) return candidate
  return zonedInstant({ ...addDays(now, 1, timeZone), hour, minute }, timeZone)
}

function addDays(now: Date, days: number, timeZone: string): { year: number; month: number; day: number } {
  const [year, month, day] = localDate(now, timeZone).split('-').map(Number) as [number, number, number]
  const shifted = new Date(Date.UTC(year, month - 1, day + days))
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }
}
