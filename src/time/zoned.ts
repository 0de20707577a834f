/**
 * Wall-clock helpers for one IANA time zone, built on Intl so no tz database ships with the bot.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    })
    formatters.set(timeZone, f)
  }
  return f
}

export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

export function wallTime(date: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {}
  for (const p of formatterFor(timeZone).formatToParts(date)) parts[p.type] = p.value
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 'YYYY-MM-DD' of the instant in the zone. */
export function localDate(date: Date, timeZone: string): string {
  const w = wallTime(date, timeZone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`
}

/** 'HH:mm' of the instant in the zone. */
export function localTime(date: Date, timeZone: string): string {
  const w = wallTime(date, timeZone)
  return `${pad(w.hour)}:${pad(w.minute)}`
}

/** 'YYYY-MM-DD HH:mm:ss' of the instant in the zone, for people reading logs. */
export function localDateTime(date: Date, timeZone: string): string {
  const w = wallTime(date, timeZone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/** Minutes since local midnight, for comparing against 'HH:mm' windows. */
export function minutesOfDay(date: Date, timeZone: string): number {
  const w = wallTime(date, timeZone)
  return w.hour * 60 + w.minute
}

/** Parses 'HH:mm' (also full-width colon) into minutes since midnight, or undefined. */
export function parseHourMinute(text: string): number | undefined {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim())
  if (!m) return undefined
  const h = Number(m[1])
  const min = Number(m[2])
  if (h > 23 || min > 59) return undefined
  return h * 60 + min
}

/** The instant at which the zone's wall clock shows the given time (two passes settle DST edges). */
export function zonedInstant(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const target = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  let guess = target
  for (let i = 0; i < 2; i++) {
    const w = wallTime(new Date(guess), timeZone)
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
    guess += target - shown
  }
  return new Date(guess)
}

/** Parses 'YYYY-MM-DD HH:mm' as wall time in the zone. */
export function parseLocalDateTime(text: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m) return undefined
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined
  return zonedInstant({ year, month, day, hour, minute }, timeZone)
}

/** 00:00 of the day `date` falls in, on the zone's wall clock: where "today" starts. */
export function startOfDay(date: Date, timeZone: string): Date {
  const w = wallTime(date, timeZone)
  return zonedInstant({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 }, timeZone)
}

/** Monday 00:00 of the week `date` falls in, on the zone's wall clock: where "this week" starts. */
export function startOfWeek(date: Date, timeZone: string): Date {
  const w = wallTime(date, timeZone)
  const daysSinceMonday = (w.weekday + 6) % 7
  const monday = shiftDay(`${w.year}-${pad(w.month)}-${pad(w.day)}`, -daysSinceMonday)
  const [year, month, day] = monday.split('-').map(Number) as [number, number, number]
  return zonedInstant({ year, month, day, hour: 0, minute: 0 }, timeZone)
}

/** The local day `delta` calendar days away; UTC arithmetic on the date alone has no DST gaps. */
export function shiftDay(day: string, delta: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, date + delta)).toISOString().slice(0, 10)
}

const QUARTER_HOUR_MS = 15 * 60 * 1000

/**
 * The local day of instants that mostly come in order (each message, each send), remembered per UTC
 * quarter hour: zone offsets are whole quarter hours, so the local day never changes inside one, and the
 * Intl formatting behind {@link localDate} is skipped for all but the first instant of each.
 */
export class LocalDays {
  #bucket = Number.NaN
  #day = ''

  constructor(readonly timeZone: string) {}

  /** `ms` must be a valid instant in epoch milliseconds. */
  dayOf(ms: number): string {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS)
    if (bucket !== this.#bucket) {
      this.#day = localDate(new Date(ms), this.timeZone)
      this.#bucket = bucket
    }
    return this.#day
  }
}

/**
 * 'YYYY-MM-DD HH:mm' of instants in one zone, for pages and exports listing thousands of them: the wall time
 * of each UTC quarter hour is formatted once (zone offsets are whole quarter hours, so the minutes inside
 * one follow on without crossing an hour) and the minutes are added.
 */
export class LocalMinutes {
  readonly #starts = new Map<number, { prefix: string; minute: number }>()

  constructor(readonly timeZone: string) {}

  /** `ms` must be a valid instant in epoch milliseconds. */
  format(ms: number): string {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS)
    let start = this.#starts.get(bucket)
    if (!start) {
      const w = wallTime(new Date(bucket * QUARTER_HOUR_MS), this.timeZone)
      start = { prefix: `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:`, minute: w.minute }
      if (this.#starts.size >= 100_000) this.#starts.clear()
      this.#starts.set(bucket, start)
    }
    return `${start.prefix}${pad(start.minute + Math.floor((ms - bucket * QUARTER_HOUR_MS) / 60_000))}`
  }
}
