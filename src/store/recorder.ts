import type { ChatMessage } from '../host/types.js'
import { isoInstant } from '../time/iso.js'
import { LocalDays, localDate, shiftDay } from '../time/zoned.js'
import { DiskSink, type LogSink, MemorySink } from './log-sinks.js'
import { safeName } from './safe-name.js'

/**
 * One room message of the day logs. A line on disk leaves out what its file already says (the room) and the
 * usual kind (`text`): a busy bot writes every message, so a shorter line is less to encode and write. Reading
 * puts both back; lines written before, with the room in them, read the same.
 */
export interface LogEntry {
  id: string
  roomKey: string
  senderKey: string
  senderName: string
  text: string
  /** ISO instant; its local day in the recorder's time zone picks the file. */
  time: string
  kind: 'text' | 'image' | 'other'
  mentions?: string[]
  /** the local file a member's image was saved to */
  image?: string
  /** set on the bot's own messages: logged so a summary sees the whole conversation, never counted as a member's */
  bot?: true
}

/** A log entry with its place in the room's log: `YYYY-MM-DD#n`, the n-th line of that day's file (from 1). */
export type PlacedEntry = LogEntry & { position: string }

/** Whether position `a` comes after position `b` in a room's log. */
export function positionAfter(a: string, b: string): boolean {
  const [dayA = '', lineA = '0'] = a.split('#')
  const [dayB = '', lineB = '0'] = b.split('#')
  return dayA !== dayB ? dayA > dayB : Number(lineA) > Number(lineB)
}

/** The log entry of a message in `room`: the room and the sender by key and name, mentions by key. */
export function logEntryOf(msg: ChatMessage, room: NonNullable<ChatMessage['room']>): LogEntry {
  const entry: LogEntry = {
    id: msg.id,
    roomKey: room.key,
    senderKey: msg.sender.key,
    senderName: msg.sender.name,
    text: msg.text,
    time: isoInstant(msg.time.getTime()),
    kind: msg.kind,
  }
  if (msg.mentions.length > 0) entry.mentions = msg.mentions.map((m) => m.key)
  if (msg.imagePath) entry.image = msg.imagePath
  return entry
}

/** What the bot itself said in a room, as a log entry marked `bot`. */
export function botLogEntry(options: {
  id: string
  roomKey: string
  botName: string
  text: string
  image?: string
  time: number
}): LogEntry {
  const entry: LogEntry = {
    id: options.id,
    roomKey: options.roomKey,
    senderKey: 'bot',
    senderName: options.botName,
    text: options.text,
    time: isoInstant(options.time),
    kind: options.image ? 'image' : 'text',
    bot: true,
  }
  if (options.image) entry.image = options.image
  return entry
}

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
/** A stored line: the room may be absent (it is the file's), the other fields must be there. */
function isLogLine(value: unknown): value is Partial<LogEntry> & Pick<LogEntry, 'id' | 'text' | 'time'> {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.id === 'string' &&
    (entry.roomKey === undefined || typeof entry.roomKey === 'string') &&
    typeof entry.text === 'string' &&
    typeof entry.time === 'string'
  )
}

function assertDay(day: string): void {
  if (!DAY.test(day)) throw new RangeError(`Expected a local day as YYYY-MM-DD, got "${day}"`)
}

/** Lines on their way to one room's local day file, already encoded. */
interface PendingLines {
  room: string
  day: string
  text: string
}

/** The entry as its file stores it: without the room, and without the kind when it is text. */
function lineOf(entry: LogEntry): string {
  const line: Partial<LogEntry> = {
    id: entry.id,
    senderKey: entry.senderKey,
    senderName: entry.senderName,
    text: entry.text,
    time: entry.time,
  }
  if (entry.kind !== 'text') line.kind = entry.kind
  if (entry.mentions) line.mentions = entry.mentions
  if (entry.image) line.image = entry.image
  if (entry.bot) line.bot = true
  return `${JSON.stringify(line)}\n`
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
      return this.#parse(roomKey, room, day, `${this.#sink.read(room, day) ?? ''}\n${waiting.join('')}`)
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

  /** Positions count every non-empty line, malformed ones too, so that they never move as the file grows. */
  #parse(roomKey: string, room: string, day: string, text: string): PlacedEntry[] {
    const entries: PlacedEntry[] = []
    let lineNumber = 0
    for (const [i, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue
      lineNumber++
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        value = undefined
      }
      // A line that names a room (as older lines do) must name this one: one filed under the wrong room
      // is never returned. The parsed object is the entry: completing it in place saves a copy per line.
      if (isLogLine(value) && (value.roomKey === undefined || value.roomKey === roomKey))
        entries.push(
          Object.assign(value, {
            roomKey,
            kind: value.kind ?? 'text',
            position: `${day}#${lineNumber}`,
          }) as PlacedEntry,
        )
      else
        this.#onError(new Error(`Skipped malformed log line ${i + 1} of ${this.#sink.describe(room, day)}`))
    }
    return entries
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
