import type { OutgoingMessage } from './types.js'

/**
 * Messages that may not go yet (quiet hours, the daily cap), out of the line until `release()` finds them
 * due. The time each waits for is kept on the message itself (`notBefore`), so it is persisted with it.
 */
export class DeferredList<T extends { message: OutgoingMessage }> {
  private readonly entries: T[] = []

  add(entry: T, until: Date): void {
    entry.message.notBefore = until.toISOString()
    this.entries.push(entry)
  }

  /** When the earliest one becomes due, for scheduling the next release. */
  get nextDueAt(): Date | undefined {
    let earliest: number | undefined
    for (const entry of this.entries) {
      const at = Date.parse(entry.message.notBefore ?? '')
      if (!Number.isNaN(at) && (earliest === undefined || at < earliest)) earliest = at
    }
    return earliest === undefined ? undefined : new Date(earliest)
  }

  /** Takes out, in the order they were deferred, those due at `now` (epoch ms); they may go at once. */
  takeDue(now: number): T[] {
    const due = this.entries.filter((e) => !(Date.parse(e.message.notBefore ?? '') > now))
    for (const entry of due) {
      this.entries.splice(this.entries.indexOf(entry), 1)
      delete entry.message.notBefore
    }
    return due
  }
}
