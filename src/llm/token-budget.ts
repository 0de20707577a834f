import type { Table } from '../store/table.js'
import type { Clock } from '../time/clock.js'
import { localDate } from '../time/zoned.js'
import { LlmError } from './types.js'

/**
 * Tokens used per local day, against `llm.dailyTokenBudget` (0: no limit). Kept in the core's state, so a
 * restart does not hand out a second day's worth. Past the budget, calls fail at once with kind 'budget'
 * and callers write offline until midnight.
 */
export class DailyTokenBudget {
  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
    private readonly usage: Table<number>,
  ) {}

  private today(): string {
    return localDate(this.clock.now(), this.clock.timeZone)
  }

  used(): number {
    return this.usage.get(this.today()) ?? 0
  }

  /** Throws when today's budget is spent. */
  check(): void {
    if (this.limit > 0 && this.used() >= this.limit) {
      throw new LlmError('budget', `today's token budget (${this.limit}) is spent`)
    }
  }

  async record(tokens: number): Promise<void> {
    const today = this.today()
    await this.usage.update(today, (n) => (n ?? 0) + tokens)
    // Only today's count matters; older days are dropped as the day turns.
    for (const [day] of this.usage.entries()) if (day !== today) await this.usage.delete(day)
  }
}
