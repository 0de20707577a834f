import { toSimplified } from '../../src/text/normalize.js'
import { shiftDay, wallTime } from '../../src/time/zoned.js'

/**
 * Whether a plain message is a check-in: it starts with 打卡 (【打卡】, 打卡✅, 打个卡, 打個卡 included), or it
 * shares a check-in mini-program's card or link (鲸打卡, 小打卡). 「今天忘了打卡」 is chat, not a check-in.
 */
export function isCheckinMessage(text: string): boolean {
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
