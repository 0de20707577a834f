import type { RoomHistory } from '../../src/index.js'
import { localDate, shiftDay, zonedInstant } from '../../src/time/zoned.js'

const DAY_MS = 86_400_000

/**
 * Who sent something on which local day, per room, over a window of days: what the figures are made of.
 * A day that has ended never changes, so each room's closed days are read from its log once and kept; later
 * calls read only today. `/数据` on a busy room then costs the reading of one day instead of sixty, and the
 * weekly report over every room reads each log once a day at most.
 */
export class ActiveDays {
  /** room → local day → keys of the members who sent something (the bot's own messages left out) */
  readonly #closed = new Map<string, Map<string, Set<string>>>()
  /** room → the first local day its log has anything on (the bot's own messages count: it was there) */
  readonly #firstDay = new Map<string, string>()

  constructor(
    private readonly history: RoomHistory,
    private readonly timeZone: string,
    private readonly windowDays = 60,
  ) {}

  /** Each member's active days: whole local days, from the day `windowDays` days before `now` up to `now`. */
  async of(roomKey: string, now: Date): Promise<Map<string, Set<string>>> {
    const firstDay = localDate(new Date(now.getTime() - this.windowDays * DAY_MS), this.timeZone)
    const today = localDate(now, this.timeZone)
    const closed = this.#closedDays(roomKey, firstDay)
    // From the first day not kept yet: all sixty on the first call (or after a restart), then yesterday and
    // today once a day, then today alone.
    const unread = everyDay(firstDay, today).find((day) => day === today || !closed.has(day)) as string
    const entries = await this.history.between(roomKey, this.#startOf(unread), now)
    const senders = new Map<string, Set<string>>()
    for (const entry of entries) {
      const logged = this.#firstDay.get(roomKey)
      if (logged === undefined || entry.position < logged)
        this.#firstDay.set(roomKey, entry.position.slice(0, 10))
      if (entry.bot) continue
      // The log's own day (its file), not a time-zone conversion per message: a busy room has thousands a day.
      const day = entry.position.slice(0, 10)
      const members = senders.get(day) ?? new Set<string>()
      members.add(entry.sender.key)
      senders.set(day, members)
    }
    for (const day of everyDay(unread, today)) {
      if (day !== today) closed.set(day, senders.get(day) ?? new Set())
    }
    const activeDays = new Map<string, Set<string>>()
    const add = (day: string, members: Set<string> | undefined) => {
      for (const member of members ?? []) {
        const days = activeDays.get(member) ?? new Set<string>()
        days.add(day)
        activeDays.set(member, days)
      }
    }
    for (const [day, members] of closed) add(day, members)
    add(today, senders.get(today))
    return activeDays
  }

  /**
   * The first day of the window the room's log has anything on, when that is after the window's start: the
   * bot has watched the room since then, so nobody can be said to have been silent longer. Undefined when the
   * log reaches back to the window's start (or the room has none): then it has watched long enough.
   * Known after {@link of}.
   */
  watchedSince(roomKey: string, now: Date): string | undefined {
    const windowStart = localDate(new Date(now.getTime() - this.windowDays * DAY_MS), this.timeZone)
    const logged = this.#firstDay.get(roomKey)
    return logged !== undefined && logged > windowStart ? logged : undefined
  }

  #startOf(day: string): Date {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number]
    return zonedInstant({ year, month, day: date, hour: 0, minute: 0 }, this.timeZone)
  }

  /** The room's kept days, those before `firstDay` let go. */
  #closedDays(roomKey: string, firstDay: string): Map<string, Set<string>> {
    const days = this.#closed.get(roomKey) ?? new Map<string, Set<string>>()
    this.#closed.set(roomKey, days)
    for (const day of days.keys()) if (day < firstDay) days.delete(day)
    return days
  }
}

function everyDay(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to; day = shiftDay(day, 1)) days.push(day)
  return days
}
