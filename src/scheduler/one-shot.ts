import type { Table } from '../store/table.js'
import type { Clock } from '../time/clock.js'

/** A timer as stored: enough to fire it after a restart, once. */
export interface TimerRecord {
  id: string
  /** which handler fires it: handlers are functions, registered again at every start */
  kind: string
  /** ISO instant */
  due: string
  payload?: unknown
}

export interface TimerFiring {
  id: string
  due: Date
  /** true when it fires at start-up because its time passed while the bot was down */
  late: boolean
}

export type TimerHandler = (payload: unknown, firing: TimerFiring) => Promise<void> | void

/**
 * One-shot timers ("reveal this answer at 10:01") on the same clock as the cron jobs: kept in the core's state,
 * so a deadline survives a restart (one that passed meanwhile fires once at start), moved by the sandbox's
 * clock like everything else, and fired exactly once: a timer is forgotten before its handler runs.
 */
export class OneShotTimers {
  private readonly handlers = new Map<string, TimerHandler>()
  private readonly armed = new Map<string, NodeJS.Timeout>()
  private started = false

  constructor(
    private readonly clock: Clock,
    private readonly records: Table<TimerRecord>,
    /** real time arms a setTimeout per timer; otherwise only the scheduler's advanceTo fires them */
    private readonly realTime: boolean,
    /** runs a firing the way the scheduler runs jobs: tracked for idle(), errors reported, never thrown */
    private readonly run: (id: string, due: Date, work: () => Promise<void>) => Promise<void>,
  ) {}

  handle(kind: string, handler: TimerHandler): void {
    this.handlers.set(kind, handler)
  }

  /** Sets (or moves) the timer `id`. */
  async at(kind: string, id: string, due: Date, payload?: unknown): Promise<void> {
    this.disarm(id)
    const record: TimerRecord = {
      id,
      kind,
      due: due.toISOString(),
      ...(payload === undefined ? {} : { payload }),
    }
    await this.records.set(id, record)
    if (this.started && this.realTime) this.arm(record)
  }

  async cancel(id: string): Promise<boolean> {
    this.disarm(id)
    return this.records.delete(id)
  }

  has(id: string): boolean {
    return this.records.has(id)
  }

  /** Fires, in due order, the timers whose time passed while the bot was down; arms the rest in real time. */
  async start(): Promise<void> {
    this.started = true
    const now = this.clock.nowMs()
    for (const record of this.byDue()) {
      if (Date.parse(record.due) <= now) await this.fire(record, true)
      else if (this.realTime) this.arm(record)
    }
  }

  stop(): void {
    this.started = false
    for (const id of [...this.armed.keys()]) this.disarm(id)
  }

  /** The earliest timer due at or before `target`, for the scheduler's walk through time. */
  earliestDue(target: Date): TimerRecord | undefined {
    const first = this.byDue()[0]
    return first && Date.parse(first.due) <= target.getTime() ? first : undefined
  }

  async fire(record: TimerRecord, late: boolean): Promise<void> {
    if (this.records.get(record.id) !== record) return // cancelled or moved meanwhile
    this.disarm(record.id)
    // Forgotten first: a crash while the handler runs loses this firing rather than repeating it.
    await this.records.delete(record.id)
    const handler = this.handlers.get(record.kind)
    if (!handler) return // its plugin is no longer loaded
    const due = new Date(record.due)
    await this.run(record.id, due, async () => handler(record.payload, { id: record.id, due, late }))
  }

  private byDue(): TimerRecord[] {
    return this.records.values().sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id))
  }

  private arm(record: TimerRecord): void {
    const delay = Math.max(0, Date.parse(record.due) - this.clock.nowMs())
    // setTimeout holds at most ~24.8 days; a later timer re-arms itself when that wait ends.
    const wait = Math.min(delay, 2 ** 31 - 1)
    const timeout = setTimeout(() => {
      this.armed.delete(record.id)
      if (wait < delay) this.arm(record)
      else void this.fire(record, false)
    }, wait)
    timeout.unref()
    this.armed.set(record.id, timeout)
  }

  private disarm(id: string): void {
    const timeout = this.armed.get(id)
    if (timeout) clearTimeout(timeout)
    this.armed.delete(id)
  }
}
