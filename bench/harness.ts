import type { EventEmitter } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import {
  type PerformanceEntry,
  PerformanceObserver,
  constants as perfConstants,
  performance,
} from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { types, type Wechaty } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { BOT_NAME, MEMBERS_PER_ROOM, memberNames, messageStream, ROOMS } from './workload.js'

/** What the parent passes to a side process (as one JSON argument). */
export interface SideParams {
  messages: number
  warmup: number
  concurrency: number
  /** most messages emitted in one event-loop turn of the closed loop (1: each in a turn of its own) */
  perTurn: number
  seed: number
  /** percentage of messages that are commands (half ping, half counter) */
  commandPercent: number
  /** messages of the open-loop latency phase (0: skip it) and their rate per second */
  steadyMessages: number
  steadyRate: number
  /** plugin names for the bot side (bundledPlugins' filter); empty: every bundled plugin */
  plugins: string[]
  /** write a CPU profile of the measured phase (not start-up or warm-up) to this file */
  profile?: string
  /**
   * Interleaved: the closed loop runs in chunks of this many messages, each started by the parent (see
   * {@link waitForTurn}), so that the two sides take turns and meet the same machine. 0: one stretch.
   */
  chunk: number
}

export interface Percentiles {
  count: number
  p50: number
  p99: number
  max: number
}

/** What a side process prints (one line, prefixed with {@link RESULT_MARK}). */
export interface SideResult {
  side: string
  messages: number
  seconds: number
  perSecond: number
  /** messages/s in each tenth of the measured phase: a falling series means per-message cost grows */
  perSecondByTenth: number[]
  /** process CPU time (user + system, µs) per message of the closed loop: steadier than wall time on a busy machine */
  cpuPerMessage: number
  /** garbage-collection pauses during the closed loop, in ms: young generation (scavenge) and the rest */
  gc: { minorMs: number; majorMs: number }
  /** closed loop at full load; reply: emit → the reply seen on the room mock (commands only); done: emit → finished */
  load: { reply: Percentiles; done: Percentiles }
  /** open loop at `steadyRate` (rate: what was actually emitted per second) */
  steady: { rate: number; reply: Percentiles; done: Percentiles }
  commands: number
  replies: number
  unmatchedReplies: number
  /** RSS once the side is logged in, before the first message: code and fixed structures */
  rssAfterStart: number
  peakRss: number
  maxRss: number
  heapUsedEnd: number
}

export const RESULT_MARK = 'BENCH_RESULT '

type ContactMock = ReturnType<mock.Mocker['createContact']>
type RoomMock = ReturnType<mock.Mocker['createRoom']>

/** The simulated WeChat: 500 members, 20 rooms of 25 members each, and the bot in every room. */
export class BenchWorld {
  readonly mocker = new mock.Mocker()
  readonly puppet = new PuppetMock({ mocker: this.mocker })
  readonly me: ContactMock
  readonly names: string[]
  readonly members: ContactMock[]
  readonly rooms: RoomMock[]

  constructor(seed: number) {
    this.me = this.mocker.createContact({ name: BOT_NAME })
    this.names = memberNames(seed)
    this.members = this.names.map((name) => this.mocker.createContact({ name }))
    this.rooms = []
    for (let r = 0; r < ROOMS; r++) {
      const ids = this.members.slice(r * MEMBERS_PER_ROOM, (r + 1) * MEMBERS_PER_ROOM).map((c) => c.id)
      this.rooms.push(
        this.mocker.createRoom({ topic: `训练营${r + 1}组`, memberIdList: [this.me.id, ...ids] }),
      )
    }
  }

  login(): void {
    this.mocker.login(this.me)
    this.puppet.emit('ready', { data: 'ready' })
  }
}

/** One side of the comparison: its Wechaty is started and logged in; `expect` is registered before emit. */
export interface Side {
  name: string
  /** the side's Wechaty, for the handler-cost bench that emits loaded messages on it directly */
  wechaty: Wechaty
  expect(messageId: string): Promise<void>
  /**
   * Finishes the work its messages left behind (buffered room logs, state writes), so that a chunk's time
   * includes it rather than leaving it to run while the other side has its turn.
   */
  quiesce?(): Promise<void>
}

/** What a side prints when it waits for its turn; the parent answers with a line on its standard input. */
export const TURN_MARK = 'BENCH_TURN'

let turns: AsyncIterator<string> | undefined

/** Says the side is ready for its next turn and waits until the parent gives it. */
export async function waitForTurn(): Promise<void> {
  turns ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]()
  process.stdout.write(`${TURN_MARK}\n`)
  const next = await turns.next()
  if (next.done) process.exit(0)
}

/** Max RSS seen by sampling every 50 ms; the kernel's own high-water mark is read at the end. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 50)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage.rss())
    },
  }
}

/**
 * The inspector's sampling profilers, started and stopped around the measured phase: CPU time to
 * `file`, and every allocation (collected or not) to `file` with `.heapprofile` in place of `.cpuprofile`.
 */
export async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('HeapProfiler.enable')
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  await session.post('Profiler.start')
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop')
      const heap = await session.post('HeapProfiler.stopSampling')
      await writeFile(file, JSON.stringify(profile))
      await writeFile(file.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(heap.profile))
      session.disconnect()
    },
  }
}

function percentiles(values: Float64Array): Percentiles {
  if (values.length === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN }
  const sorted = Float64Array.from(values).sort()
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 }
}

type PhaseName = 'warmup' | 'load' | 'steady'

interface PendingCommand {
  name: string
  at: number
  phase: PhaseName
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs three phases on one side:
 * - warm-up: `warmup` messages, closed loop (≤ `concurrency` in flight), not measured;
 * - load: `messages` messages, closed loop: each event-loop turn tops the messages in flight up to
 *   `concurrency` (at most `perTurn` of them), then yields the turn. Throughput, CPU per message, and latency
 *   when messages come as fast as the side takes them;
 * - steady: `steadyMessages` emitted at a fixed `steadyRate` whatever the side does (open loop): latency
 *   at a load the side can carry, which is what a member waiting for a reply sees.
 * Command latency runs from the emit to the moment the reply shows up on the room mock (sends reach it
 * synchronously); a reply is matched to the oldest pending command in its room whose asker's name it
 * contains (names are distinct three-character names). "Done" runs from the emit to the side saying it has
 * finished the message.
 */
export async function runSide(
  world: BenchWorld,
  makeSide: (world: BenchWorld, params: SideParams) => Promise<Side>,
  params: SideParams,
): Promise<SideResult> {
  const sampler = rssSampler()
  const side = await makeSide(world, params)
  const rssAfterStart = process.memoryUsage.rss()
  const next = messageStream(params.seed, params.commandPercent / 100)
  const pending: PendingCommand[][] = world.rooms.map(() => [])
  const replyTimes: Record<PhaseName, number[]> = { warmup: [], load: [], steady: [] }
  const doneTimes: Record<PhaseName, number[]> = { warmup: [], load: [], steady: [] }
  let replies = 0
  let unmatched = 0
  let commands = 0
  world.rooms.forEach((room, r) => {
    ;(room as unknown as EventEmitter).on(
      'message',
      (m: { payload: { talkerId: string; text?: string } }) => {
        if (m.payload.talkerId !== world.me.id) return
        const now = performance.now()
        replies++
        const queue = pending[r] as PendingCommand[]
        const text = m.payload.text ?? ''
        const i = queue.findIndex((p) => text.includes(p.name))
        if (i < 0) {
          unmatched++
          return
        }
        const [hit] = queue.splice(i, 1)
        if (hit) replyTimes[hit.phase].push(now - hit.at)
      },
    )
  })

  const runId = Date.now().toString(36)
  let seq = 0
  let inFlight = 0
  let wake: (() => void) | undefined
  const waitForSlot = () => new Promise<void>((resolve) => (wake = resolve))

  /** Emits the next message of the stream; `inFlight` drops when the side says it is done. */
  const emitNext = (phase: PhaseName): void => {
    const msg = next()
    const id = `bench-${runId}-${++seq}`
    const room = world.rooms[msg.room] as RoomMock
    const talker = world.members[msg.member] as ContactMock
    const finished = side.expect(id)
    const at = performance.now()
    if (msg.kind !== 'chat') {
      ;(pending[msg.room] as PendingCommand[]).push({ name: world.names[msg.member] as string, at, phase })
      commands++
    }
    world.mocker.MessageMock.create({
      id,
      type: types.Message.Text,
      text: msg.text,
      talkerId: talker.id,
      roomId: room.id,
      mentionIdList: [],
      timestamp: Date.now(),
    } as never)
    inFlight++
    world.puppet.emit('message', { messageId: id })
    void finished.then(() => {
      doneTimes[phase].push(performance.now() - at)
      inFlight--
      const w = wake
      wake = undefined
      w?.()
    })
  }

  const drain = async () => {
    while (inFlight > 0) await waitForSlot()
  }

  const closedLoop = async (count: number, phase: PhaseName, tenths?: number[]): Promise<number> => {
    const started = performance.now()
    let tenthStarted = started
    const tenth = Math.max(1, Math.floor(count / 10))
    let i = 0
    while (i < count) {
      while (inFlight >= params.concurrency) await waitForSlot()
      // A saturated reader gets several messages per socket read: what arrived while it was busy, up to the
      // window. Then the turn is yielded, so that each side's timers and disk writes run within the loop
      // (emitting from promise callbacks instead would run the whole loop as one chain of microtasks and
      // their cost would land after the measurement).
      const burst = Math.min(params.concurrency - inFlight, params.perTurn || params.concurrency, count - i)
      for (let k = 0; k < burst; k++, i++) {
        if (tenths && i > 0 && i % tenth === 0 && tenths.length < 9) {
          const now = performance.now()
          tenths.push(tenth / ((now - tenthStarted) / 1000))
          tenthStarted = now
        }
        emitNext(phase)
      }
      await nextTurn()
    }
    await drain()
    const ended = performance.now()
    if (tenths) tenths.push((count - tenth * tenths.length) / ((ended - tenthStarted) / 1000))
    return (ended - started) / 1000
  }

  /** Emits on schedule (checked every millisecond) whether or not earlier messages are finished. */
  const openLoop = async (count: number, rate: number): Promise<number> => {
    const started = performance.now()
    let sent = 0
    while (sent < count) {
      const due = Math.min(count, Math.floor(((performance.now() - started) * rate) / 1000) + 1)
      while (sent < due) {
        emitNext('steady')
        sent++
      }
      await sleep(1)
    }
    const emitting = (performance.now() - started) / 1000
    await drain()
    return count / emitting
  }

  /**
   * The measured closed loop in chunks, each begun when the parent gives this side its turn and ended once
   * the side has also finished what the chunk left behind. Only the chunks are timed, never the waits.
   */
  const chunkedLoop = async (tenths: number[]): Promise<{ seconds: number; cpu: NodeJS.CpuUsage }> => {
    const chunks = Math.ceil(params.messages / params.chunk)
    const rates: Array<{ messages: number; seconds: number }> = []
    const cpu = { user: 0, system: 0 }
    for (let c = 0; c < chunks; c++) {
      const messages = Math.min(params.chunk, params.messages - c * params.chunk)
      await waitForTurn()
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      await closedLoop(messages, 'load')
      await side.quiesce?.()
      rates.push({ messages, seconds: (performance.now() - started) / 1000 })
      const used = process.cpuUsage(cpuBefore)
      cpu.user += used.user
      cpu.system += used.system
    }
    for (let t = 0; t < 10; t++) {
      const part = rates.slice(Math.floor((t * chunks) / 10), Math.floor(((t + 1) * chunks) / 10))
      const seconds = part.reduce((sum, r) => sum + r.seconds, 0)
      if (seconds > 0) tenths.push(part.reduce((sum, r) => sum + r.messages, 0) / seconds)
    }
    return { seconds: rates.reduce((sum, r) => sum + r.seconds, 0), cpu }
  }

  await closedLoop(params.warmup, 'warmup')
  await side.quiesce?.()
  const profiler = params.profile ? await startProfiler() : undefined
  const tenths: number[] = []
  const gcWatch = gcPauses()
  let seconds: number
  let cpu: NodeJS.CpuUsage
  if (params.chunk > 0) {
    ;({ seconds, cpu } = await chunkedLoop(tenths))
  } else {
    const cpuBefore = process.cpuUsage()
    seconds = await closedLoop(params.messages, 'load', tenths)
    cpu = process.cpuUsage(cpuBefore)
  }
  const gc = gcWatch.stop()
  if (profiler && params.profile) await profiler.stop(params.profile)
  // The latency phase is never shared: the parent gives it to one side at a time.
  if (params.chunk > 0) await waitForTurn()
  const steadyRate = params.steadyMessages > 0 ? await openLoop(params.steadyMessages, params.steadyRate) : 0
  // A reply still on its way once every message is finished would be a bug on either side.
  await sleep(20)
  const peakRss = sampler.stop()
  const stats = (values: number[]) => percentiles(Float64Array.from(values))
  return {
    side: side.name,
    messages: params.messages,
    seconds,
    perSecond: params.messages / seconds,
    perSecondByTenth: tenths,
    cpuPerMessage: (cpu.user + cpu.system) / params.messages,
    gc,
    load: { reply: stats(replyTimes.load), done: stats(doneTimes.load) },
    steady: { rate: steadyRate, reply: stats(replyTimes.steady), done: stats(doneTimes.steady) },
    commands,
    replies,
    unmatchedReplies: unmatched,
    rssAfterStart,
    peakRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapUsedEnd: liveHeap(),
  }
}

/** Sums the collector's pauses while it runs; the observer's callback is delivered in batches, off the hot path. */
function gcPauses(): { stop(): { minorMs: number; majorMs: number } } {
  const totals = { minorMs: 0, majorMs: 0 }
  const add = (entries: PerformanceEntry[]) => {
    for (const entry of entries) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) totals.minorMs += entry.duration
      else totals.majorMs += entry.duration
    }
  }
  const observer = new PerformanceObserver((list) => add(list.getEntries()))
  observer.observe({ entryTypes: ['gc'] })
  return {
    stop() {
      add(observer.takeRecords())
      observer.disconnect()
      return totals
    },
  }
}

/** Entry point of a side script: reads the params, runs, prints the result line, exits. */
export async function mainSide(
  makeSide: (world: BenchWorld, params: SideParams) => Promise<Side>,
): Promise<void> {
  const params = JSON.parse(process.argv[2] ?? '{}') as SideParams
  const world = new BenchWorld(params.seed)
  const result = await runSide(world, makeSide, params)
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`)
  // Wechaty keeps timers (watchdogs) alive; the measurement is over.
  process.exit(0)
}

/** Live heap after a full collection when the side runs with --expose-gc, else as it stands (garbage too). */
function liveHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  return process.memoryUsage().heapUsed
}
