import { LocalDays } from '../time/zoned.js'
import type { OutboxEvent, OutboxEventType, OutgoingBody, Target } from './types.js'

/** One line of the send log: what happened to a message, when, and what it was. */
export interface SendLogEntry {
  type: OutboxEventType
  target: Target
  /** ISO instant of the event */
  at: string
  body: OutgoingBody
  origin: 'reply' | 'scheduled'
}

/** What is recorded per event: little work for the outbox, the rest done when the console asks. */
type Recorded = Omit<SendLogEntry, 'at'> & { atMs: number }

/**
 * The latest outbox events, newest last, kept in memory for the ops console, with the sends counted per local
 * day. The daily cap keeps its own persisted count; this one also counts when pacing is off (sandbox, tests).
 */
export class SendLog {
  /** newest last; trimmed back to `keep` once it holds twice that, so a send does not shift the whole list */
  private entries: Recorded[] = []
  private readonly sentByDay = new Map<string, number>()
  private readonly days: LocalDays

  constructor(
    timeZone: string,
    private readonly keep = 500,
  ) {
    this.days = new LocalDays(timeZone)
  }

  record(event: OutboxEvent, atMs: number): void {
    const { message } = event
    this.entries.push({
      type: event.type,
      target: message.target,
      atMs,
      body: message.body,
      origin: message.origin,
    })
    if (this.entries.length >= this.keep * 2) this.entries = this.entries.slice(-this.keep)
    if (event.type === 'sent') {
      const day = this.days.dayOf(atMs)
      this.sentByDay.set(day, (this.sentByDay.get(day) ?? 0) + 1)
      // Only today matters; a long-running process must not keep a count per day forever.
      if (this.sentByDay.size > 7) this.sentByDay.delete(this.sentByDay.keys().next().value as string)
    }
  }

  /** Sends counted on the local day of `atMs` since this process started. */
  sentOn(atMs: number): number {
    return this.sentByDay.get(this.days.dayOf(atMs)) ?? 0
  }

  /** Newest first, at most `limit`. */
  latest(limit = 50): SendLogEntry[] {
    return this.entries
      .slice(-Math.min(limit, this.keep))
      .reverse()
      .map(({ atMs, ...entry }) => ({ ...entry, at: new Date(atMs).toISOString() }))
  }
}
