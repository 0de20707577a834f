import { LocalDays, localDate, shiftDay } from '../time/zoned.js'
import { type LogEntry, lineOf, type PlacedEntry, readDayLines } from './log-entry.js'
import { DiskSink, type LogSink, MemorySink } from './log-sinks.js'
import { safeName } from './safe-name.js'

export interface RecorderOptions {
  /** Root of the logs (`<dir>/<safe room key>/<YYYY-MM-DD>.jsonl`), or null to keep them in memory. */
  dir: string | null
  /** IANA zone that decides which local day an entry belongs to. */
  timeZone: string
  /** With `dir: null`: how many of each room's newest lines are kept; default 1000. */
  memoryLinesPerRoom?: number
  /** Failed background writes and skipped malformed lines; default logs to standard error. */
  onError?: (error: unknown) => void
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
function assertDay(day: string): void {
  if (!DAY.test(day)) throw new RangeError(`Expected a local day as YYYY-MM-DD, got "${day}"`)
}

/** Lines on their way to one room's local day file, already encoded. */
interface PendingLines {
  room: string
  day: string
  text: string
}

const defaultOnError = (error: unknown) => console.error('Recorder:', error)

/**
 * Append-only room logs, one JSONL file per room per local day. An appended line reaches its file at the end
 * of the event loop's turn, in one append per file for the whole turn (or at once with {@link writeNow}).
 * The bot's replies wait for that write ({@link written}), so a message it answered is in the file even if
 * the process is killed right after (written, not fsynced: the system keeps what a killed process wrote),
 * and a burst of messages with replies costs one append per room, not one per reply. A failed write keeps
 * its lines, ahead of newer ones of the same file, for the next write.
 */
export class Recorder {
  readonly #sink: LogSink
  readonly #timeZone: string
  readonly #days: LocalDays
  readonly #onError: (error: unknown) => void
  readonly #roomNames = new Map<string, string>()
  /**
   * Lines appended and not yet in their files, by room key, in order; a room has two files pending only
   * across midnight.
   */
  #pending = new Map<string, PendingLines[]>()
  #endOfTurn: NodeJS.Immediate | undefined
  /** what {@link written} hands out until the end-of-turn write, and how to settle it */
  #turnWritten: { promise: Promise<void>; resolve: () => void } | undefined
  #failing = false
  #closed = false

  constructor(options: RecorderOptions) {
    this.#sink =
      options.dir === null ? new MemorySink(options.memoryLinesPerRoom ?? 1000) : new DiskSink(options.dir)
    this.#timeZone = options.timeZone
    this.#days = new LocalDays(options.timeZone)
    this.#onError = options.onError ?? defaultOnError
    // Fails fast on a bad zone instead of on the first message.
    localDate(new Date(), this.#timeZone)
  }

  /**
   * Encodes one entry as a line of its day file, written before this event-loop turn ends; throws after
   * {@link close} or when `time` is not a valid instant.
   */
  append(entry: LogEntry): void {
    if (this.#closed) throw new Error('Recorder is closed; cannot append')
    const ms = Date.parse(entry.time)
    if (Number.isNaN(ms)) throw new RangeError(`time is not a valid instant: "${entry.time}"`)
    const day = this.#days.dayOf(ms)
    const line = lineOf(entry)
    const files = this.#pending.get(entry.roomKey)
    const last = files?.[files.length - 1]
    if (last?.day === day) last.text += line
    else if (files) files.push({ room: this.#roomName(entry.roomKey), day, text: line })
    else this.#pending.set(entry.roomKey, [{ room: this.#roomName(entry.roomKey), day, text: line }])
    this.#endOfTurn ??= setImmediate(() => this.writeNow())
  }

  /**
   * Resolves once every line appended so far has been written (or its write has failed and been reported):
   * at the end of this turn, or at once when nothing waits. What a reply waits for before it leaves.
   */
  written(): Promise<void> {
    if (this.#endOfTurn === undefined) return Promise.resolve()
    if (this.#turnWritten === undefined) {
      let resolve!: () => void
      const promise = new Promise<void>((r) => {
        resolve = r
      })
      this.#turnWritten = { promise, resolve }
    }
    return this.#turnWritten.promise
  }

  /**
   * Writes every pending line now. Never throws, so that a broken disk does not silence the bot: the
   * failure goes to `onError` (once, until a write succeeds again) and the lines stay pending.
   */
  writeNow(): void {
    const reported = this.#failing
    try {
      this.#write()
    } catch (error) {
      if (!reported) this.#onError(error)
    }
  }

  /** Resolves when every entry appended so far is in its file; rejects if a write failed (its lines are kept). */
  async flush(): Promise<void> {
    try {
      this.#write()
    } finally {
      this.#sink.release()
    }
  }

  /** Writes what is pending; later appends throw. */
  async close(): Promise<void> {
    this.#closed = true
    try {
      this.#write()
    } finally {
      this.#sink.release()
    }
  }

  /**
   * Entries of the room for the inclusive local days, in file order, lines still pending included. Read
   * synchronously, so that no write can move a line from pending to the file halfway through.
   */
  async read(roomKey: string, fromDay: string, toDay: string): Promise<LogEntry[]> {
    return (await this.readPlaced(roomKey, fromDay, toDay)).map(({ position: _, ...entry }) => entry)
  }

  /** {@link read}, each entry with its position, for reading on from where the last read stopped. */
  async readPlaced(roomKey: string, fromDay: string, toDay: string): Promise<PlacedEntry[]> {
    assertDay(fromDay)
    assertDay(toDay)
    const room = this.#roomName(roomKey)
    const wanted = (day: string) => day >= fromDay && day <= toDay
    const pending = this.#pending.get(roomKey) ?? []
    const days = new Set(this.#sink.days(room).filter(wanted))
    for (const file of pending) if (wanted(file.day)) days.add(file.day)
    return [...days].sort().flatMap((day) => {
      const waiting = pending.filter((file) => file.day === day).map((file) => file.text)
      // The newline keeps a torn last line of the file from swallowing the first pending one.
      return this.#read(roomKey, room, day, `${this.#sink.read(room, day) ?? ''}\n${waiting.join('')}`)
    })
  }

  /**
   * Deletes day files more than `keepDays` days before the local day of `now` (0 keeps only today),
   * and drops still-pending entries of those days. Resolves with the number of files deleted.
   */
  async prune(keepDays: number, now: Date): Promise<number> {
    if (!Number.isInteger(keepDays) || keepDays < 0) throw new RangeError('keepDays must be an integer >= 0')
    const oldestKept = shiftDay(localDate(now, this.#timeZone), -keepDays)
    for (const [roomKey, files] of this.#pending) {
      const kept = files.filter((file) => file.day >= oldestKept)
      if (kept.length > 0) this.#pending.set(roomKey, kept)
      else this.#pending.delete(roomKey)
    }
    let removed = 0
    for (const room of this.#sink.rooms()) {
      for (const day of this.#sink.days(room)) {
        if (day >= oldestKept) continue
        this.#sink.remove(room, day)
        removed++
      }
    }
    return removed
  }

  /**
   * One append per file for every pending line; throws the first failure after trying every room (a room
   * stops at its first failing file, so its lines stay in order). Replies waiting for the write go on either
   * way: a broken disk is reported, it does not silence the bot.
   */
  #write(): void {
    if (this.#endOfTurn) clearImmediate(this.#endOfTurn)
    this.#endOfTurn = undefined
    const waiting = this.#turnWritten
    this.#turnWritten = undefined
    try {
      this.#writeFiles()
    } finally {
      waiting?.resolve()
    }
  }

  #writeFiles(): void {
    const rooms = [...this.#pending]
    this.#pending = new Map()
    if (rooms.length === 0) return
    this.#failing = false
    let failure: unknown
    for (const [key, files] of rooms) {
      for (const [i, { room, day, text }] of files.entries()) {
        try {
          this.#sink.append(room, day, text)
        } catch (error) {
          failure ??= error
          // Kept, ahead of anything appended since, for the next write.
          this.#pending.set(key, [...files.slice(i), ...(this.#pending.get(key) ?? [])])
          break
        }
      }
    }
    this.#failing = failure !== undefined
    if (this.#failing) throw failure
  }

  #read(roomKey: string, room: string, day: string, text: string): PlacedEntry[] {
    return readDayLines(text, roomKey, day, (line) =>
      this.#onError(new Error(`Skipped malformed log line ${line} of ${this.#sink.describe(room, day)}`)),
    )
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
}
