import { isoInstant } from '../time/iso.js'
import { admit, type Gates } from './admission.js'
import { DailyCounter } from './daily-cap.js'
import { DeferredList } from './deferred.js'
import { DeliveryLoop } from './delivery-loop.js'
import { Line } from './line.js'
import { splitMentions } from './mentions.js'
import { MessageIds } from './message-ids.js'
import { backoffFor, Pacer } from './pacing.js'
import { RetryHolds } from './retry-holds.js'
import { CoalescedSaver } from './saver.js'
import { Nap, Timers } from './timers.js'
import {
  type Origin,
  type OutboxEvent,
  type OutboxOptions,
  type OutgoingBody,
  type OutgoingMessage,
  type SendResult,
  type Target,
  targetKey,
} from './types.js'

interface Entry {
  message: OutgoingMessage
  key: string
  waiters: Array<(result: SendResult) => void>
}

/**
 * The one paced line every message of the bot's account goes through, one delivery at a time, in the
 * order send() was called. WeChat bans accounts that send like machines, so the line enforces a gap with
 * jitter, a per-room rate, a daily cap, quiet hours for scheduled posts and a mention cap per message.
 *
 * Ordering exceptions, all deliberate:
 * - a deferred message (quiet hours, daily cap) leaves the line and rejoins it at its end on release();
 * - a target that hit its per-minute rate is skipped while other targets keep flowing;
 * - a failed delivery waits out its back-off outside the line, holding back only later messages to the
 *   same target (so a room's messages stay in order), then re-enters at the front. Other targets are
 *   never blocked by it, and after `retry.attempts` tries it is given up as `failed`.
 */
export class Outbox {
  private readonly queue = new Line<Entry>()
  private readonly deferred = new DeferredList<Entry>()
  /** every accepted message not yet sent, dropped or failed, in acceptance order: what gets persisted */
  private readonly live = new Map<string, Entry>()
  private readonly retries = new RetryHolds()
  private idleWaiters: Array<() => void> = []
  private stopped = false
  private persisting = false
  private readonly pacer: Pacer
  private readonly gates: Gates
  private readonly timers: Timers
  private readonly nap: Nap
  private readonly saver: CoalescedSaver
  /** unpaced mode only: the delivery in flight per target key */
  private readonly delivering = new Map<string, Promise<void>>()
  private readonly ids = new MessageIds()
  private readonly loop = new DeliveryLoop(
    () => this.step(),
    () => this.checkIdle(),
  )

  constructor(private readonly options: OutboxOptions) {
    const { clock, pacing, quietHoursFor } = options
    this.pacer = new Pacer(pacing, options.random ?? Math.random)
    this.gates = {
      clock,
      counter: new DailyCounter(pacing.dailyCap, clock, options.dailyCount),
      quietHoursFor,
    }
    this.timers = new Timers(options.wait)
    this.nap = new Nap(this.timers)
    this.saver = new CoalescedSaver(
      options.persistence,
      // The messages themselves, not copies: a save only hands them to a write that serialises them.
      () => Array.from(this.live.values(), (e) => e.message),
      options.onPersistError ?? (() => {}),
    )
  }

  /** Accepted messages not yet sent, dropped or failed (deferred ones included): what stop() persists. */
  get pendingCount(): number {
    return this.live.size
  }

  /** Accepted messages not yet sent, dropped or failed, in acceptance order (copies, for the ops console). */
  pending(): OutgoingMessage[] {
    return Array.from(this.live.values(), (e) => ({ ...e.message }))
  }

  /** Today's sends as the daily cap counts them, and the cap itself (0: no cap). */
  dailyUsage(): { sent: number; cap: number } {
    return { sent: this.gates.counter.countToday(), cap: this.options.pacing.dailyCap }
  }

  /** When the earliest deferred message becomes due, for scheduling the next release(). */
  get nextReleaseAt(): Date | undefined {
    return this.deferred.nextDueAt
  }

  /**
   * Never rejects. Resolves when the message is delivered, deferred, dropped or finally failed; a message
   * split for the mention cap resolves with the first part that was not sent, else `sent`.
   */
  send(target: Target, body: OutgoingBody, options: { origin?: Origin } = {}): Promise<SendResult> {
    if (this.stopped) return Promise.resolve({ status: 'failed', error: 'outbox stopped' })
    const bodies =
      body.type === 'text' ? splitMentions(body, this.options.pacing.maxMentionsPerMessage) : [body]
    const origin = options.origin ?? 'reply'
    const createdAt = isoInstant(this.options.clock.nowMs())
    const results = bodies.map((part) =>
      this.accept({ id: this.ids.next(), target, body: part, origin, createdAt, attempts: 0 }),
    )
    this.changed()
    this.poke()
    return Promise.all(results).then((all) => all.find((r) => r.status !== 'sent') ?? { status: 'sent' })
  }

  /**
   * Loads what a previous process left pending and puts it at the front of the line (it was accepted
   * before anything sent in this process). Saving starts only now, so a send() before start() can never
   * overwrite the list before it has been read. Without start() the outbox keeps nothing on disk.
   */
  async start(): Promise<void> {
    if (this.persisting || this.stopped) return
    const loaded = (await this.options.persistence.load()).filter((m) => !this.live.has(m.id))
    const entries = loaded.map((message) => this.entryFor({ ...message }))
    const current = [...this.live.values()]
    this.live.clear()
    for (const entry of [...entries, ...current]) this.live.set(entry.message.id, entry)
    for (const entry of [...entries].reverse()) this.queue.unshift(entry)
    this.persisting = true
    this.changed()
    this.poke()
  }

  /** Moves deferred messages whose time has come back into the line; resolves when each has been handled. */
  async release(): Promise<void> {
    if (this.stopped) return
    const due = this.deferred.takeDue(this.options.clock.now().getTime())
    if (due.length === 0) return
    const handled = due.map((entry) => new Promise<SendResult>((resolve) => entry.waiters.push(resolve)))
    for (const entry of due) this.queue.push(entry)
    this.changed()
    this.poke()
    await Promise.all(handled)
  }

  /** Resolves when nothing is queued, being delivered or waiting to retry (deferred messages excluded). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * Takes no new work, lets a delivery in flight finish (gaps and back-offs are not sat out), persists
   * everything still pending or deferred, and resolves send() promises still waiting as `deferred`: those
   * messages now belong to the next start().
   */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true
      this.timers.cancelAll()
      this.nap.interrupt()
    }
    await this.loop.current
    await Promise.all(this.delivering.values())
    const until = this.options.clock.now()
    for (const entry of this.live.values()) this.settle(entry, { status: 'deferred', until })
    this.checkIdle()
    if (this.persisting) {
      this.saver.request()
      await this.saver.flush()
    }
  }

  private entryFor(message: OutgoingMessage): Entry {
    return { message, key: targetKey(message.target), waiters: [] }
  }

  private accept(message: OutgoingMessage): Promise<SendResult> {
    const entry = this.entryFor(message)
    const result = new Promise<SendResult>((resolve) => entry.waiters.push(resolve))
    this.live.set(message.id, entry)
    this.queue.push(entry)
    return result
  }

  /** New work: interrupt a pacing nap (the new message may be for a target that need not wait) or start the loop. */
  private poke(): void {
    if (this.stopped) return
    if (!this.nap.interrupt()) this.loop.start()
  }

  /**
   * One step of the delivery loop: sends (or, with zero pacing, launches) whatever may go now; returns what
   * to wait for before going on, or undefined when done.
   */
  private step(): Promise<void> | undefined {
    while (!this.stopped) {
      const next = this.pick()
      if (next === undefined) return undefined
      if (typeof next === 'number') return this.nap.sleep(next)
      if (!this.admitted(next)) continue
      const gap = this.pacer.gapWait(Date.now())
      if (gap > 0) return this.nap.sleep(gap)
      this.queue.remove(next)
      if (!this.pacer.unpaced) return this.attempt(next)
      // Nothing spaces the sends: deliver to other targets meanwhile, one at a time per target (order kept).
      this.launch(next)
    }
    return undefined
  }

  private launch(entry: Entry): void {
    this.delivering.set(
      entry.key,
      this.attempt(entry).finally(() => this.delivered(entry)),
    )
  }

  private delivered(entry: Entry): void {
    this.delivering.delete(entry.key)
    this.poke()
    this.checkIdle()
  }

  /** The first entry whose target may receive now, else how long until one may, else undefined. */
  private pick(): Entry | number | undefined {
    const now = Date.now()
    return this.queue.pick((key) =>
      this.retries.has(key) || this.delivering.has(key) ? undefined : this.pacer.windowWait(key, now),
    )
  }

  /** Applies quiet hours and the daily cap; a message that may not go now leaves the line here. */
  private admitted(entry: Entry): boolean {
    const decision = admit(entry.message, this.gates)
    if (decision.kind === 'go') return true
    this.queue.remove(entry)
    if (decision.kind === 'drop') {
      this.live.delete(entry.message.id)
      this.emit({ type: 'dropped', message: entry.message })
      this.settle(entry, { status: 'dropped', reason: 'daily-cap' })
    } else {
      this.deferred.add(entry, decision.until)
      this.emit({ type: 'deferred', message: entry.message })
      this.settle(entry, { status: 'deferred', until: decision.until })
    }
    this.changed()
    return false
  }

  private async attempt(entry: Entry): Promise<void> {
    const { message } = entry
    message.attempts++
    this.pacer.noteStart(entry.key, Date.now())
    try {
      await this.options.transport.deliver(message)
    } catch (error) {
      this.pacer.noteEnd(Date.now())
      this.failed(entry, error)
      return
    }
    this.pacer.noteEnd(Date.now())
    this.live.delete(message.id)
    this.gates.counter.record()
    this.emit({ type: 'sent', message })
    this.settle(entry, { status: 'sent' })
    this.changed()
  }

  private failed(entry: Entry, error: unknown): void {
    const { message } = entry
    const { attempts, backoffMs } = this.options.pacing.retry
    if (message.attempts < attempts) {
      this.emit({ type: 'retry', message, error })
      this.holdForRetry(entry, backoffFor(backoffMs, message.attempts))
    } else {
      this.live.delete(message.id)
      this.emit({ type: 'failed', message, error })
      this.settle(entry, { status: 'failed', error: errorText(error) })
    }
    this.changed()
  }

  /** Parks the message for its back-off; later messages to the same target wait with it to keep their order. */
  private holdForRetry(entry: Entry, ms: number): void {
    this.retries.hold(entry.key)
    this.timers.after(ms, () => {
      this.retries.release(entry.key)
      this.queue.unshift(entry)
      this.poke()
    })
  }

  private settle(entry: Entry, result: SendResult): void {
    const waiters = entry.waiters
    if (waiters.length === 0) return
    entry.waiters = []
    for (const resolve of waiters) resolve(result)
  }

  /** A throwing listener must not break the delivery loop. */
  private emit(event: OutboxEvent): void {
    try {
      this.options.onEvent?.(event)
    } catch {}
  }

  private changed(): void {
    if (this.persisting) this.saver.request()
  }

  private isIdle(): boolean {
    return (
      this.stopped ||
      (!this.loop.running && this.delivering.size === 0 && this.retries.size === 0 && this.queue.size === 0)
    )
  }

  private checkIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
