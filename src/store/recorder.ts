import { LocalDays, localDate, shiftDay } from '../time/zoned.js'
import { LogChunk, type RoomChatMessage } from './log-chunk.js'
import { DiskSink, type LogSink, MemorySink } from './log-sinks.js'
import { safeName } from './safe-name.js'

/** One room message as stored in the day logs (one JSON object per line). */
export interface LogEntry {
  id: string
  roomKey: string
  roomTopic: string
  senderKey: string
  senderName: string
  text: string
  /** ISO instant; its local day in the recorder's time zone picks the file. */
  time: string
  kind: 'text' | 'image' | 'other'
  mentions?: string[]
}

export interface RecorderOptions {
  /** Root of the logs (`<dir>/<safe room key>/<YYYY-MM-DD>.jsonl`), or null to keep them in memory. */
  dir: string | null
  /** IANA zone that decides which local day an entry belongs to. */
  timeZone: string
  /** How long an appended line may wait in memory; default 1000. */
  flushIntervalMs?: number
  /** Buffered lines that trigger a flush without waiting for the timer; default 2000. */
  maxBufferedLines?: number
  /** With `dir: null`: how many of each room's newest lines are kept; default 1000. */
  memoryLinesPerRoom?: number
  /** Background flush failures and skipped malformed lines; default logs to standard error. */
  onError?: (error: unknown) => void
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
function isLogEntry(value: unknown): value is LogEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return ['id', 'roomKey', 'text', 'time'].every((field) => typeof entry[field] === 'string')
}

function assertDay(day: string): void {
  if (!DAY.test(day)) throw new RangeError(`Expected a local day as YYYY-MM-DD, got "${day}"`)
}

/**
 * One room's lines of one local day not yet handed to the sink: messages waiting to be encoded, after the
 * lines already encoded (a failed write keeps them). Encoding waits for the flush because then it runs as
 * one tight loop over a few thousand messages, instead of a cold trip through the encoder per message.
 */
interface Batch {
  room: string
  day: string
  chunk: LogChunk
  waiting: Array<LogEntry | RoomChatMessage>
}

function encodeWaiting(batch: Batch): void {
  for (const item of batch.waiting) {
    if ('senderKey' in item) batch.chunk.append(item)
    else batch.chunk.appendMessage(item)
  }
  batch.waiting = []
}

function toEntry(item: LogEntry | RoomChatMessage): LogEntry {
  if ('senderKey' in item) return { ...item }
  const entry: LogEntry = {
    id: item.id,
    roomKey: item.room.key,
    roomTopic: item.room.topic,
    senderKey: item.sender.key,
    senderName: item.sender.name,
    text: item.text,
    time: item.time.toISOString(),
    kind: item.kind,
  }
  if (item.mentions.length > 0) entry.mentions = item.mentions.map((m) => m.key)
  return entry
}

/** Emptied chunks kept for the next batches: their buffers have grown to a room's usual flush. */
const POOLED_CHUNKS = 64

const defaultOnError = (error: unknown) => console.error('Recorder:', error)

/**
 * Append-only room logs, one JSONL file per room per local day. `append` only buffers; a timer or a
 * full buffer flushes with one append per file. File operations run one at a time, so `read` sees
 * every entry exactly once: either already in a file or still in the buffer.
 */
export class Recorder {
  readonly #sink: LogSink
  readonly #timeZone: string
  readonly #days: LocalDays
  readonly #flushIntervalMs: number
  readonly #maxBufferedLines: number
  readonly #onError: (error: unknown) => void
  readonly #roomNames = new Map<string, string>()
  #buffer = new Map<string, Batch>()
  readonly #spareChunks: LogChunk[] = []
  /** each room's most recent batch in #buffer, by raw room key: one lookup per append on the usual path */
  readonly #latest = new Map<string, Batch>()
  #buffered = 0
  #timer: NodeJS.Timeout | null = null
  #flushQueued: Promise<void> | null = null
  #io: Promise<unknown> = Promise.resolve()
  #closed = false

  constructor(options: RecorderOptions) {
    this.#sink =
      options.dir === null ? new MemorySink(options.memoryLinesPerRoom ?? 1000) : new DiskSink(options.dir)
    this.#timeZone = options.timeZone
    this.#days = new LocalDays(options.timeZone)
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000
    this.#maxBufferedLines = options.maxBufferedLines ?? 2000
    this.#onError = options.onError ?? defaultOnError
    // Fails fast on a bad zone instead of on the first message.
    localDate(new Date(), this.#timeZone)
  }

  /**
   * Buffers one entry (do not change it until it is flushed); throws after {@link close} or when `time` is
   * not a valid instant. `at` is `time` in epoch ms, for callers that have it already.
   */
  append(entry: LogEntry, at: number = Date.parse(entry.time)): void {
    this.#hold(entry, entry.roomKey, at, entry.time)
  }

  /** Buffers a room message as the pipeline built it; it is read at the next flush, so keep it unchanged. */
  appendMessage(msg: RoomChatMessage): void {
    const at = msg.time.getTime()
    this.#hold(msg, msg.room.key, at, at)
  }

  #hold(item: LogEntry | RoomChatMessage, roomKey: string, at: number, time: unknown): void {
    if (this.#closed) throw new Error('Recorder is closed; cannot append')
    const day = this.#dayOf(at, time)
    let batch = this.#latest.get(roomKey)
    if (batch === undefined || batch.day !== day) batch = this.#batchFor(roomKey, day)
    batch.waiting.push(item)
    this.#buffered++
    if (this.#buffered >= this.#maxBufferedLines) this.#flushInBackground()
    else this.#timer ??= this.#arm()
  }

  /** Resolves when every entry appended so far is in its file; rejects if an append failed (kept for retry). */
  flush(): Promise<void> {
    this.#flushQueued ??= this.#exclusive(() => this.#writeBuffer())
    return this.#flushQueued
  }

  /** Flushes and stops the timer; later appends throw. */
  async close(): Promise<void> {
    this.#closed = true
    this.#disarm()
    try {
      await this.flush()
    } finally {
      await this.#exclusive(async () => this.#sink.close())
    }
  }

  /** Entries of the room for the inclusive local days, in file order, buffered ones included. */
  read(roomKey: string, fromDay: string, toDay: string): Promise<LogEntry[]> {
    assertDay(fromDay)
    assertDay(toDay)
    const room = this.#roomName(roomKey)
    return this.#exclusive(async () => {
      const days = (await this.#sink.days(room)).filter((day) => day >= fromDay && day <= toDay)
      const texts = await Promise.all(days.map((day) => this.#sink.read(room, day)))
      const byDay = new Map(days.map((day, i) => [day, this.#parse(roomKey, room, day, texts[i] ?? '')]))
      // Safe only because no flush can run between the file reads above and this look at the buffer.
      for (const batch of this.#buffer.values()) {
        if (batch.room !== room || batch.day < fromDay || batch.day > toDay) continue
        const entries = byDay.get(batch.day) ?? []
        entries.push(
          ...this.#parse(roomKey, room, batch.day, batch.chunk.text()),
          ...batch.waiting.map(toEntry),
        )
        byDay.set(batch.day, entries)
      }
      return [...byDay.keys()].sort().flatMap((day) => byDay.get(day) ?? [])
    })
  }

  /**
   * Deletes day files more than `keepDays` days before the local day of `now` (0 keeps only today),
   * and drops still-buffered entries of those days. Resolves with the number of files deleted.
   */
  prune(keepDays: number, now: Date): Promise<number> {
    if (!Number.isInteger(keepDays) || keepDays < 0) throw new RangeError('keepDays must be an integer >= 0')
    const oldestKept = shiftDay(localDate(now, this.#timeZone), -keepDays)
    return this.#exclusive(async () => {
      for (const [key, batch] of this.#buffer) {
        if (batch.day >= oldestKept) continue
        this.#buffer.delete(key)
        this.#latest.clear()
        this.#buffered -= batch.chunk.lines + batch.waiting.length
        this.#recycle(batch.chunk)
      }
      let removed = 0
      for (const room of await this.#sink.rooms()) {
        for (const day of await this.#sink.days(room)) {
          if (day >= oldestKept) continue
          await this.#sink.remove(room, day)
          removed++
        }
      }
      return removed
    })
  }

  /** Runs file work one task at a time, whatever the previous task's outcome. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#io.then(task)
    this.#io = run.catch(() => {})
    return run
  }

  async #writeBuffer(): Promise<void> {
    this.#flushQueued = null
    this.#disarm()
    const batches = [...this.#buffer.values()]
    this.#buffer = new Map()
    this.#latest.clear()
    this.#buffered = 0
    const results = await Promise.allSettled(
      batches.map((batch) => {
        encodeWaiting(batch)
        return this.#sink.append(batch.room, batch.day, batch.chunk.bytes)
      }),
    )
    const failures: number[] = []
    results.forEach((result, i) => {
      if (result.status === 'rejected') failures.push(i)
      else this.#recycle((batches[i] as Batch).chunk)
    })
    if (failures.length === 0) return
    for (const i of failures) this.#requeue(batches[i] as Batch)
    if (!this.#closed) this.#timer ??= this.#arm()
    throw (results[failures[0] as number] as PromiseRejectedResult).reason
  }

  /** Puts failed lines back in front of anything appended since, keeping file order. */
  #requeue(batch: Batch): void {
    const key = `${batch.room}/${batch.day}`
    // Lines appended since the failure are already counted in #buffered; the failed ones come back.
    this.#buffered += batch.chunk.lines
    const newer = this.#buffer.get(key)
    if (newer) {
      batch.chunk.appendEncoded(newer.chunk.bytes, newer.chunk.lines)
      batch.waiting = newer.waiting
      this.#recycle(newer.chunk)
    }
    this.#buffer.set(key, batch)
    this.#latest.clear()
  }

  #recycle(chunk: LogChunk): void {
    chunk.clear()
    if (this.#spareChunks.length < POOLED_CHUNKS) this.#spareChunks.push(chunk)
  }

  #parse(roomKey: string, room: string, day: string, text: string): LogEntry[] {
    const entries: LogEntry[] = []
    const lines = text.split('\n')
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        value = undefined
      }
      // The room check is defence in depth: a line filed under the wrong room is never returned.
      if (isLogEntry(value) && value.roomKey === roomKey) entries.push(value)
      else
        this.#onError(new Error(`Skipped malformed log line ${i + 1} of ${this.#sink.describe(room, day)}`))
    }
    return entries
  }

  #flushInBackground(): void {
    if (this.#flushQueued) return
    this.flush().catch(this.#onError)
  }

  #arm(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timer = null
      this.#flushInBackground()
    }, this.#flushIntervalMs)
    // Buffered logs alone must not keep the process alive; shutdown calls close().
    timer.unref()
    return timer
  }

  #disarm(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  #batchFor(roomKey: string, day: string): Batch {
    const room = this.#roomName(roomKey)
    const key = `${room}/${day}`
    let batch = this.#buffer.get(key)
    if (!batch) {
      batch = { room, day, chunk: this.#spareChunks.pop() ?? new LogChunk(), waiting: [] }
      this.#buffer.set(key, batch)
    }
    this.#latest.set(roomKey, batch)
    return batch
  }

  #roomName(roomKey: string): string {
    let name = this.#roomNames.get(roomKey)
    if (name === undefined) {
      name = safeName(roomKey)
      // Bounded so a stream of throwaway mock rooms cannot grow it forever.
      if (this.#roomNames.size >= 10_000) this.#roomNames.clear()
      this.#roomNames.set(roomKey, name)
    }
    return name
  }

  #dayOf(ms: number, time: unknown): string {
    if (Number.isNaN(ms)) throw new RangeError(`time is not a valid instant: "${String(time)}"`)
    return this.#days.dayOf(ms)
  }
}
