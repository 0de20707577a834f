import { toSimplified } from '../../src/text/normalize.js'
import { shiftDay, wallTime } from '../../src/time/zoned.js'

/**
 * Whether a plain message is a check-in: it starts with 打卡 (【打卡】, 打卡✅, 打个卡, 打個卡 included), or it
 * shares a check-in mini-program's card or link (鲸打卡, 小打卡). 「今天忘了打卡」 is chat, not a check-in.
 */
export function isCheckinMessage(text: string): boolean {
  // Every plain message passes here: most have no 卡 at all and need no conversion to simplified characters.
  if (!text.includes('卡') && !/daka/iu.test(text)) return false
  const simple = toSimplified(text.trim())
  if (/^[【[]?\s*打(个|一下)?卡/u.test(simple)) return true
  return /鲸打卡|小打卡|jingdaka|xiaodaka/iu.test(simple)
}

/** The check-in day of an instant: the local day, or the day before when it is earlier than `dayStartsAt`. */
export function checkinDay(at: Date, timeZone: string, dayStartsAt: string): string {
  const w = wallTime(at, timeZone)
  const day = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
  const [h, m] = dayStartsAt.split(':').map(Number) as [number, number]
  return w.hour * 60 + w.minute < h * 60 + m ? shiftDay(day, -1) : day
}

/** Days in a row up to and including `day`, from the set of days a member checked in. */
export function streakOf(days: ReadonlySet<string>, day: string): number {
  let streak = 0
  for (let d = day; days.has(d); d = shiftDay(d, -1)) streak++
  return streak
}

/** Where a member stands, from their check-ins before `day` (tiers are computed, never kept by hand). */
export type Tier = 'daily' | 'lapsed' | 'away' | 'never'

/**
 * `daily`: checked in the day before; `lapsed`: missed one or two days; `away`: a gap of three days or more;
 * `never`: no check-in yet. Today's own check-in does not count, so a reminder speaks to where they were.
 */
export function tierOf(days: ReadonlySet<string>, day: string): Tier {
  const before = [...days].filter((d) => d < day).sort()
  const last = before.at(-1)
  if (!last) return 'never'
  const missed = daysBetween(last, day) - 1
  return missed === 0 ? 'daily' : missed <= 2 ? 'lapsed' : 'away'
}

/** Whole days from `a` to `b` (local day strings). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}
