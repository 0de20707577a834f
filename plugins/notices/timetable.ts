import { assertCron, nextSlot } from '../../src/scheduler/slots.js'
import { toHalfWidth } from '../../src/text/normalize.js'
import { parseHourMinute } from '../../src/time/zoned.js'

/** When a timed notice goes out: the cron the scheduler runs, and how people say it. */
export interface Timetable {
  cron: string
  /** 每天 08:00, 每周一 09:00, or the cron as typed */
  label: string
}

const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 }

function hourMinute(text: string): { h: number; m: number } | undefined {
  const minutes = parseHourMinute(text)
  return minutes === undefined ? undefined : { h: Math.floor(minutes / 60), m: minutes % 60 }
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Reads the start of `/公告 定时 …`: `08:00` (every day), `每天 08:00`, `工作日 08:30`, `每周一 09:00`, or five
 * cron fields (`0 9 * * 1`). Returns the timetable and how many words it took, or undefined.
 */
export function readTimetable(words: string[]): { timetable: Timetable; used: number } | undefined {
  const [first = '', second = ''] = words.map((w) => toHalfWidth(w))
  const daily = hourMinute(first)
  if (daily)
    return {
      timetable: { cron: `${daily.m} ${daily.h} * * *`, label: `每天 ${pad(daily.h)}:${pad(daily.m)}` },
      used: 1,
    }
  const at = hourMinute(second)
  if (at) {
    const time = `${pad(at.h)}:${pad(at.m)}`
    if (first === '每天' || first === '每日')
      return { timetable: { cron: `${at.m} ${at.h} * * *`, label: `每天 ${time}` }, used: 2 }
    if (first === '工作日')
      return { timetable: { cron: `${at.m} ${at.h} * * 1-5`, label: `工作日 ${time}` }, used: 2 }
    const weekly = /^(?:每周|每星期|每礼拜|周|星期)([一二三四五六日天])$/u.exec(first)
    if (weekly) {
      const day = WEEKDAYS[weekly[1] as string] as number
      return { timetable: { cron: `${at.m} ${at.h} * * ${day}`, label: `每周${weekly[1]} ${time}` }, used: 2 }
    }
  }
  const fields = words.slice(0, 5).map((w) => toHalfWidth(w))
  if (fields.length === 5 && fields.every((f) => /^[\d*/,-]+$/u.test(f))) {
    const cron = fields.join(' ')
    try {
      assertCron(cron, 'notice')
    } catch {
      return undefined
    }
    return { timetable: { cron, label: cron }, used: 5 }
  }
  return undefined
}

/** The next time the timetable fires after `now`, in the zone. */
export function nextRun(timetable: Timetable, now: Date, timeZone: string): Date {
  return nextSlot({ cron: timetable.cron, timeZone }, now)
}
