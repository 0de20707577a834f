import { MapTable, type Table } from '../store/table.js'
import { type Clock, ManualClock } from '../time/clock.js'
import { type CronTimer, startCronTimer } from './cron-driver.js'
import { OneShotTimers, type TimerRecord } from './one-shot.js'
import {
  assertCron,
  canonicalTimeZone,
  dailyCron,
  lastRunOf,
  latestSlot,
  nextSlot,
  repeatsWallTime,
  sameSchedule,
} from './slots.js'
import type { JobHandler, JobOptions, JobPersistence, JobRecord, JobRun } from './types.js'

// The whole public API is reachable from this module, so callers need only one import path.
export { MemoryJobPersistence } from './memory-persistence.js'
export type { TimerFiring, TimerHandler, TimerRecord } from './one-shot.js'
export {
  type CatchUpPolicy,
  type JobHandler,
  type JobOptions,
  type JobPersistence,
  type JobRecord,
  type JobRun,
  ScheduleError,
} from './types.js'

export interface SchedulerOptions {
  clock: Clock
  persistence: JobPersistence
  /** 'cron': node-cron fires jobs in real time. 'manual': only advanceTo() moves time and fires them. */
  driver: 'cron' | 'manual'
  onError?: (error: unknown, run: JobRun) => void
  /** where one-shot timers are kept; none keeps them in memory only */
  timerRecords?: Table<TimerRecord>
}

interface Job {
  record: JobRecord
  handler: JobHandler
  timer?: CronTimer
  /** Memo of the last nextSlot() lookup, so advancing over many slots does not reparse every job. */
  cursor?: { after: number; slot: Date }
}

/**
 * Runs persisted cron jobs at most once per slot. Registration order is the Map's insertion order, which
 * also decides ties between jobs due at the same instant (a re-registered id keeps its first position).
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>()
  /** What persistence holds (as far as this process knows); updated as soon as a save is queued. */
  private stored = new Map<string, JobRecord>()
  private started = false
  private advancing = false
  private readonly running = new Set<Promise<void>>()
  /** Persistence calls are chained so a slower earlier save can never overwrite a later one. */
  private persistChain: Promise<void> = Promise.resolve()

  /** One-shot timers (a question's deadline), walked through time together with the cron jobs. */
  readonly timers: OneShotTimers

  constructor(private readonly options: SchedulerOptions) {
    this.timers = new OneShotTimers(
      options.clock,
      options.timerRecords ?? memoryTable(),
      options.driver === 'cron',
      (id, due, work) => this.track(id, due, work),
    )
  }

  cron(id: string, expr: string, handler: JobHandler, options: JobOptions = {}): void {
    const timeZone = canonicalTimeZone(options.timeZone ?? this.options.clock.timeZone, id)
    assertCron(expr, id)
    const record: JobRecord = { id, cron: expr, timeZone, catchUp: options.catchUp ?? 'skip' }
    this.jobs.get(id)?.timer?.destroy()
    const job: Job = { record, handler }
    this.jobs.set(id, job)
    if (this.started) this.activate(job)
  }

  daily(id: string, hhmm: string, handler: JobHandler, options: JobOptions = {}): void {
    this.cron(id, dailyCron(hhmm, id), handler, options)
  }

  async cancel(id: string): Promise<void> {
    this.jobs.get(id)?.timer?.destroy()
    this.jobs.delete(id)
    this.stored.delete(id)
    await this.enqueue(() => this.options.persistence.remove(id))
  }

  has(id: string): boolean {
    return this.jobs.has(id)
  }

  nextRun(id: string): Date | undefined {
    const job = this.jobs.get(id)
    return job && this.nextSlotOf(job, this.options.clock.now())
  }

  list(): JobRecord[] {
    return [...this.jobs.values()].map((job) => ({ ...job.record }))
  }

  async start(): Promise<void> {
    if (this.started) return
    this.stored = new Map(Object.entries(await this.options.persistence.load()))
    // Started before catching up, so jobs registered by catch-up handlers are activated at once.
    this.started = true
    for (const job of [...this.jobs.values()]) await this.catchUp(job)
    await this.timers.start()
    if (this.options.driver !== 'cron') return
    for (const job of this.jobs.values()) job.timer ??= this.startTimer(job)
  }

  async advanceTo(target: Date): Promise<void> {
    const clock = this.manualClock()
    if (target.getTime() < clock.now().getTime()) {
      throw new RangeError(`cannot advance back from ${clock.now().toISOString()} to ${target.toISOString()}`)
    }
    this.advancing = true
    try {
      await this.fireUntil(clock, target)
    } finally {
      this.advancing = false
    }
    if (target.getTime() > clock.now().getTime()) clock.set(target)
  }

  /**
   * Treats `now` as the moment every job starts counting from: used when a manual clock is set to a new
   * starting point (possibly in the past), so no slot before it is considered missed or already run.
   */
  async rebase(now: Date): Promise<void> {
    for (const job of this.jobs.values()) {
      job.record.lastRun = now.toISOString()
      job.cursor = undefined
      await this.persistQuietly(job.record)
    }
  }

  async stop(): Promise<void> {
    this.started = false
    this.timers.stop()
    for (const job of this.jobs.values()) {
      job.timer?.destroy()
      job.timer = undefined
    }
    await this.idle()
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running])
    await this.persistChain
  }

  /** A job registered after start(): it is live at once, but catch-up only happens in start(). */
  private activate(job: Job): void {
    const prior = this.stored.get(job.record.id)
    const lastRun = sameSchedule(prior, job.record) ? lastRunOf(prior) : undefined
    job.record.lastRun = (lastRun ?? this.options.clock.now()).toISOString()
    this.persistQuietly(job.record)
    if (this.options.driver === 'cron') job.timer = this.startTimer(job)
  }

  private async catchUp(job: Job): Promise<void> {
    if (this.jobs.get(job.record.id) !== job) return // replaced by an earlier catch-up handler
    const now = this.options.clock.now()
    const prior = this.stored.get(job.record.id)
    const lastRun = sameSchedule(prior, job.record) ? lastRunOf(prior) : undefined
    // No usable record (new job, or its schedule changed while down): start counting from now.
    job.record.lastRun = (lastRun ?? now).toISOString()
    const slot = lastRun && latestSlot(job.record, now)
    if (slot && slot > lastRun) {
      if (job.record.catchUp === 'once') return this.fire(job, slot, true)
      job.record.lastRun = slot.toISOString()
    }
    await this.persistQuietly(job.record)
  }

  private async fireUntil(clock: ManualClock, target: Date): Promise<void> {
    const from = clock.now()
    for (;;) {
      if (!this.started) return // stop() was called by a handler
      const due = this.earliestDue(from, target)
      // A timer due no later than the next job goes first: a deadline at 10:00 before the 10:00 report.
      const timer = this.timers.earliestDue(due?.slot ?? target)
      if (timer) {
        const at = new Date(timer.due)
        if (at.getTime() > clock.now().getTime()) clock.set(at)
        await this.timers.fire(timer, false)
        continue
      }
      if (!due) return
      if (due.slot.getTime() > clock.now().getTime()) clock.set(due.slot)
      await this.fire(due.job, due.slot, false)
    }
  }

  /** The job with the earliest slot in (from, target] not yet run; ties go to registration order. */
  private earliestDue(from: Date, target: Date): { job: Job; slot: Date } | undefined {
    let best: { job: Job; slot: Date } | undefined
    for (const job of this.jobs.values()) {
      const slot = this.nextSlotOf(job, from)
      if (slot > target) continue
      if (!best || slot < best.slot) best = { job, slot }
    }
    return best
  }

  /** The first slot after both `after` and the job's lastRun (a slot at or before lastRun never runs). */
  private nextSlotOf(job: Job, after: Date): Date {
    const lastRun = lastRunOf(job.record)
    const bound = Math.max(after.getTime(), lastRun?.getTime() ?? Number.NEGATIVE_INFINITY)
    if (job.cursor?.after !== bound)
      job.cursor = { after: bound, slot: nextSlot(job.record, new Date(bound)) }
    return job.cursor.slot
  }

  private fire(job: Job, slot: Date, catchingUp: boolean): Promise<void> {
    const run = this.runSlot(job, { id: job.record.id, scheduledFor: slot, catchingUp })
    this.running.add(run)
    void run.finally(() => this.running.delete(run))
    return run
  }

  /** Never rejects: failures go to onError so one job cannot stop the others. */
  private async runSlot(job: Job, run: JobRun): Promise<void> {
    const lastRun = lastRunOf(job.record)
    if (lastRun && run.scheduledFor <= lastRun) return
    // node-cron matches a wall time that clocks going back repeat twice; people expect it once.
    if (repeatsWallTime(run.scheduledFor, job.record.timeZone)) return
    // Recorded before the handler runs: a crash mid-run loses the slot rather than repeating it.
    job.record.lastRun = run.scheduledFor.toISOString()
    try {
      await this.persist(job.record)
    } catch (error) {
      this.report(error, run)
      return
    }
    try {
      await job.handler(run)
    } catch (error) {
      this.report(error, run)
    }
  }

  /** A timer's firing, tracked like a job's run so idle() waits for it; failures go to onError. */
  private track(id: string, due: Date, work: () => Promise<void>): Promise<void> {
    const run = work().catch((error) => this.report(error, { id, scheduledFor: due, catchingUp: false }))
    this.running.add(run)
    void run.finally(() => this.running.delete(run))
    return run
  }

  private startTimer(job: Job): CronTimer {
    return startCronTimer(job.record, async (slot) => {
      // A timer outliving its job (replaced, cancelled, stopped) must not run the old handler.
      if (this.started && this.jobs.get(job.record.id) === job) await this.fire(job, slot, false)
    })
  }

  private persist(record: JobRecord): Promise<void> {
    const copy = { ...record }
    this.stored.set(copy.id, copy)
    return this.enqueue(() => this.options.persistence.save(copy))
  }

  /** Bookkeeping saves outside a run still surface failures, attributed to the job as of now. */
  private persistQuietly(record: JobRecord): Promise<void> {
    const run = { id: record.id, scheduledFor: this.options.clock.now(), catchingUp: false }
    return this.persist(record).catch((error) => this.report(error, run))
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const result = this.persistChain.then(operation)
    this.persistChain = result.catch(() => {})
    return result
  }

  private report(error: unknown, run: JobRun): void {
    const { onError } = this.options
    if (!onError) {
      logFailure(error, run)
      return
    }
    try {
      onError(error, run)
    } catch (hookError) {
      logFailure(hookError, run)
    }
  }

  private manualClock(): ManualClock {
    const { driver, clock } = this.options
    if (driver !== 'manual') throw new Error('advanceTo() is only available with the manual driver')
    if (!(clock instanceof ManualClock)) throw new Error('the manual driver needs a ManualClock')
    if (!this.started) throw new Error('advanceTo() needs a started scheduler: call start() first')
    if (this.advancing) throw new Error('advanceTo() is already running')
    return clock
  }
}

/** Last resort when nobody listens: standard error, since standard output carries the sandbox protocol. */
function logFailure(error: unknown, run: JobRun): void {
  console.error(`scheduler: job "${run.id}" (${run.scheduledFor.toISOString()}) failed:`, error)
}

function memoryTable<T>(): Table<T> {
  return new MapTable<T>(new Map(), () => {})
}
