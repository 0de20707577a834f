import type { Clock } from '../time/clock.js'
import { localDate } from '../time/zoned.js'

/**
 * Hundreds of messages a day from one account is a ban risk no matter how well they are spaced, so sends
 * are counted per local day (in the community's zone, so the count resets at its midnight).
 * The count lives in memory: a restart starts the day's count again.
 */
export class DailyCounter {
  private day = ''
  private count = 0

  constructor(
    private readonly cap: number,
    private readonly clock: Clock,
  ) {}

  /** True when today's sends have reached the cap (never when the cap is 0). */
  isFull(): boolean {
    if (this.cap <= 0) return false
    this.roll()
    return this.count >= this.cap
  }

  record(): void {
    if (this.cap <= 0) return
    this.roll()
    this.count++
  }

  private roll(): void {
    const today = localDate(this.clock.now(), this.clock.timeZone)
    if (today !== this.day) {
      this.day = today
      this.count = 0
    }
  }
}
