import type { Clock } from '../time/clock.js'
import { LocalDays } from '../time/zoned.js'

/** Sends counted on one local day. */
export interface DailyCount {
  day: string
  count: number
}

/** Where the day's count is kept between restarts; synchronous, like a state table. */
export interface DailyCountStore {
  load(): DailyCount | undefined
  save(count: DailyCount): void
}

/**
 * Hundreds of messages a day from one account is a ban risk no matter how well they are spaced, so sends
 * are counted per local day (in the community's zone, so the count resets at its midnight). With a store
 * the count survives a restart: a bot restarted at noon (or crashing in a loop) does not get a fresh cap.
 */
export class DailyCounter {
  private day = ''
  private count = 0
  private readonly days: LocalDays

  constructor(
    private readonly cap: number,
    private readonly clock: Clock,
    private readonly store?: DailyCountStore,
  ) {
    this.days = new LocalDays(clock.timeZone)
    const saved = store?.load()
    if (saved && typeof saved.day === 'string' && Number.isInteger(saved.count) && saved.count >= 0) {
      this.day = saved.day
      this.count = saved.count
    }
  }

  /** True when today's sends have reached the cap (never when the cap is 0). */
  isFull(): boolean {
    if (this.cap <= 0) return false
    this.roll()
    return this.count >= this.cap
  }

  /** Sends counted today (always 0 when there is no cap: nothing is counted then). */
  countToday(): number {
    if (this.cap <= 0) return 0
    this.roll()
    return this.count
  }

  record(): void {
    if (this.cap <= 0) return
    this.roll()
    this.count++
    this.store?.save({ day: this.day, count: this.count })
  }

  private roll(): void {
    const today = this.days.dayOf(this.clock.nowMs())
    if (today !== this.day) {
      this.day = today
      this.count = 0
    }
  }
}
