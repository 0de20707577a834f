import type { PacingOptions } from './types.js'

const WINDOW_MS = 60_000

/**
 * Spacing between sends. A human cannot answer twice within a few hundred milliseconds, and a room that
 * receives a burst of bot messages is what gets an account flagged, so there is a global gap (with random
 * jitter, since perfectly regular intervals are a machine tell) and a per-target sliding window.
 * Times are Date.now() milliseconds: fake timers move them in tests.
 */
export class Pacer {
  private gapUntil = 0
  private readonly recent = new Map<string, number[]>()

  constructor(
    private readonly options: PacingOptions,
    private readonly random: () => number,
  ) {}

  /** No gap, no jitter, no daily cap: deliveries to different targets need not wait for each other. */
  get unpaced(): boolean {
    const { minGapMs, jitterMs, dailyCap } = this.options
    return minGapMs <= 0 && jitterMs <= 0 && dailyCap <= 0
  }

  /** Milliseconds before the next delivery may start because of the global gap. */
  gapWait(now: number): number {
    return this.gapUntil > now ? this.gapUntil - now : 0
  }

  /** Milliseconds before `key` may receive another message because of its per-minute window. */
  windowWait(key: string, now: number): number {
    const limit = this.options.perRoomPerMinute
    if (limit <= 0) return 0
    const times = this.prune(key, now)
    if (times.length < limit) return 0
    const oldestThatCounts = times[times.length - limit] ?? now
    return Math.max(0, oldestThatCounts + WINDOW_MS - now)
  }

  /** Every attempt counts: WeChat may have seen it even when the transport reported a failure. */
  noteStart(key: string, now: number): void {
    if (this.options.perRoomPerMinute <= 0) return
    const times = this.prune(key, now)
    times.push(now)
    this.recent.set(key, times)
  }

  noteEnd(now: number): void {
    const { minGapMs, jitterMs } = this.options
    if (minGapMs <= 0 && jitterMs <= 0) return
    this.gapUntil = now + minGapMs + (jitterMs > 0 ? this.random() * jitterMs : 0)
  }

  private prune(key: string, now: number): number[] {
    const times = this.recent.get(key)
    if (!times) return []
    const firstInside = times.findIndex((t) => t > now - WINDOW_MS)
    if (firstInside === 0) return times
    if (firstInside < 0) {
      this.recent.delete(key)
      return []
    }
    times.splice(0, firstInside)
    return times
  }
}

/** Wait after the `attempt`-th failed try (1-based); the last configured value repeats. */
export function backoffFor(backoffMs: number[], attempt: number): number {
  if (backoffMs.length === 0) return 0
  return backoffMs[Math.min(attempt, backoffMs.length) - 1] ?? 0
}
