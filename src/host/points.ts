import type { Table } from '../store/state-store.js'
import type { Clock } from '../time/clock.js'
import { localDate } from '../time/zoned.js'
import type { MemberRef, PointsLedger } from './types.js'

interface Balance {
  member: MemberRef
  total: number
  /** points per local day, so "this week" rankings need no event log */
  byDay: Record<string, number>
}

const KEEP_DAYS = 62

/** The shared points ledger: games, highlights and check-in all award on it, per room. */
export class PointsBook implements PointsLedger {
  constructor(
    private readonly balances: Table<Balance>,
    private readonly clock: Clock,
  ) {}

  async add(roomKey: string, member: MemberRef, amount: number, _reason: string): Promise<number> {
    const day = localDate(this.clock.now(), this.clock.timeZone)
    const next = await this.balances.update(keyOf(roomKey, member.key), (current) => {
      const byDay = pruneDays({ ...(current?.byDay ?? {}) }, day)
      byDay[day] = (byDay[day] ?? 0) + amount
      return { member, total: (current?.total ?? 0) + amount, byDay }
    })
    return next.total
  }

  balance(roomKey: string, memberKey: string): number {
    return this.balances.get(keyOf(roomKey, memberKey))?.total ?? 0
  }

  ranking(roomKey: string, options: { since?: Date; limit?: number } = {}) {
    const prefix = keyOf(roomKey, '')
    const since = options.since ? localDate(options.since, this.clock.timeZone) : undefined
    const rows = this.balances
      .entries()
      .filter(([key]) => key.startsWith(prefix))
      .map(([, b]) => ({ member: b.member, points: since ? sumSince(b.byDay, since) : b.total }))
      .filter((row) => row.points !== 0)
      .sort((a, b) => b.points - a.points || a.member.name.localeCompare(b.member.name, 'zh'))
    return options.limit ? rows.slice(0, options.limit) : rows
  }
}

function keyOf(roomKey: string, memberKey: string): string {
  return `${roomKey}\u0000${memberKey}`
}

function sumSince(byDay: Record<string, number>, since: string): number {
  let sum = 0
  for (const [day, n] of Object.entries(byDay)) if (day >= since) sum += n
  return sum
}

function pruneDays(byDay: Record<string, number>, today: string): Record<string, number> {
  const cutoff = new Date(`${today}T00:00:00Z`).getTime() - KEEP_DAYS * 86_400_000
  for (const day of Object.keys(byDay)) if (new Date(`${day}T00:00:00Z`).getTime() < cutoff) delete byDay[day]
  return byDay
}
