import { toHalfWidth } from '../../src/text/normalize.js'

/** What `/总结` was asked to cover; every kind reads on from where the room's last `/总结` stopped. */
export type RecapRange =
  | { kind: 'default' }
  | { kind: 'hours'; hours: number }
  | { kind: 'today' }
  | { kind: 'count'; count: number }

export const RECAP_LIMITS = { hours: 72, count: 5000, defaultHours: 24 }

/** `2h` `2小时` `90m` `30分钟` `今天` `50条` or nothing; undefined for anything else. */
export function parseRecapRange(argument: string | undefined): RecapRange | undefined {
  const text = toHalfWidth(argument ?? '')
    .trim()
    .toLowerCase()
  if (text === '') return { kind: 'default' }
  if (text === '今天' || text === 'today') return { kind: 'today' }
  const count = /^(\d+)\s*(条|句|messages?)$/u.exec(text)
  if (count) return { kind: 'count', count: Math.min(Number(count[1]), RECAP_LIMITS.count) || 1 }
  const hours = /^(\d+(?:\.\d+)?)\s*(h|小时|个小时|钟头)$/u.exec(text)
  if (hours) return { kind: 'hours', hours: Math.min(Number(hours[1]), RECAP_LIMITS.hours) }
  const minutes = /^(\d+)\s*(m|min|分钟)$/u.exec(text)
  if (minutes) return { kind: 'hours', hours: Math.min(Number(minutes[1]) / 60, RECAP_LIMITS.hours) }
  return undefined
}

/** The earliest moment a range reaches back to. */
export function rangeStart(range: RecapRange, now: Date, startOfToday: Date): Date {
  switch (range.kind) {
    case 'hours':
      return new Date(now.getTime() - range.hours * 3_600_000)
    case 'today':
      return startOfToday
    default:
      return new Date(now.getTime() - RECAP_LIMITS.defaultHours * 3_600_000)
  }
}
