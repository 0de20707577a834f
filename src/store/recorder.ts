import type { ChatMessage } from '../host/types.js'
import { isoInstant } from '../time/iso.js'
import { LocalDays, localDate, shiftDay } from '../time/zoned.js'
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

/** The log entry of a message in `room`: the room and the sender by key and name, mentions by key. */
export function logEntryOf(msg: ChatMessage, room: NonNullable<ChatMessage['room']>): LogEntry {
  const entry: LogEntry = {
    id: msg.id,
    roomKey: room.key,
    roomTopic: room.topic,
    senderKey: msg.sender.key,
    senderName: msg.sender.name,
    text: msg.text,
    time: isoInstant(msg.time.getTime()),
    kind: msg.kind,
  }
  if (msg.mentions.length > 0) entry.mentions = msg.mentions.map((m) => m.key)
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
function isLogEntry(value: unknown): value is LogEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return ['id', 'roomKey', 'text', 'time'].every((field) => typeof entry[field] === 'string')
}

function assertDay(day: string): void {
  if (!DAY.test(day)) throw new RangeError(`Expected a local day as YYYY-MM-DD, got "${day}"`)
}

/** One room's local day file and the entries on their way to it. */
interface DayFile {
  room: string
  day: string
  entries: LogEntry[]
}

const lineOf = (entry: LogEntry) => `${JSON.stringify(entry)}\n`

const defaultOnError = (error: unknown) => console.error('Recorder:', error)

/**
 * Append-only room logs, one JSONL file per room per local day. An appended line reaches its file before
 * the event loop's turn ends, in one append per file for the whole turn, or at once when {@link writeNow}
 * is called: the bot calls it before any reply leaves, so a message it answered is in the file even if the
 * process is killed right after (written, not fsynced: the system keeps what a killed process wrote). A
 * failed write keeps its lines, ahead of newer ones of the same file, for the next write.
 */
export class Recorder {
  readonly #sink: LogSink
  readonly #timeZone: string
  readonly #days: LocalDays
  readonly #onError: (error: unknown) => void
  readonly #roomNames = new Map<string, string>()
  /** appended and not yet in their files, in order */
  /** by room, so a reply writes its room's lines without looking at the others' */
  #pending = new Map<string, LogEntry[]>()
  #endOfTurn: NodeJS.Immediate | undefined
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
   * Queues one entry for its day file, where it is written as it is then (before this event-loop turn
   * ends, so keep it unchanged until then); throws after {@link close} or when `time` is not a valid instant.
   */
  append(entry: LogEntry): void {
    if (this.#closed) throw new Error('Recorder is closed; cannot append')
    if (Number.isNaN(Date.parse(entry.time)))
      throw new RangeError(`time is not a valid instant: "${entry.time}"`)
    const room = this.#pending.get(entry.roomKey)
    if (room) room.push(entry)
    else this.#pending.set(entry.roomKey, [entry])
    this.#endOfTurn ??= setImmediate(() => this.writeNow())
  }

  /**
   * Writes every pending line now. Never throws, so that a broken disk does not silence the bot: the
   * failure goes to `onError` (once, until a write succeeds again) and the lines stay pending.
   */
  writeNow(roomKey?: string): void {
    const reported = this.#failing
    try {
      this.#write(roomKey)
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
    assertDay(fromDay)
    assertDay(toDay)
    const room = this.#roomName(roomKey)
    const wanted = (day: string) => day >= fromDay && day <= toDay
    const pending = this.#dayFiles(this.#pending.get(roomKey) ?? [])
    const days = new Set(this.#sink.days(room).filter(wanted))
    for (const file of pending.values()) if (wanted(file.day)) days.add(file.day)
    return [...days]
      .sort()
      .flatMap((day) => [
        ...this.#parse(roomKey, room, day, this.#sink.read(room, day) ?? ''),
        ...(pending.get(`${room}/${day}`)?.entries ?? []).map((entry) => ({ ...entry })),
      ])
  }

  /**
   * Deletes day files more than `keepDays` days before the local day of `now` (0 keeps only today),
   * and drops still-pending entries of those days. Resolves with the number of files deleted.
   */
  async prune(keepDays: number, now: Date): Promise<number> {
    if (!Number.isInteger(keepDays) || keepDays < 0) throw new RangeError('keepDays must be an integer >= 0')
    const oldestKept = shiftDay(localDate(now, this.#timeZone), -keepDays)
    for (const [room, entries] of this.#pending) {
      const kept = entries.filter((entry) => this.#dayOf(entry) >= oldestKept)
      if (kept.length > 0) this.#pending.set(room, kept)
      else this.#pending.delete(room)
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
   * One append per file, for every pending line or only one room's; throws the first failure after trying
   * every file.
   */
  #write(roomKey?: string): void {
    let rooms: Array<[string, LogEntry[]]>
    if (roomKey === undefined) {
      if (this.#endOfTurn) clearImmediate(this.#endOfTurn)
      this.#endOfTurn = undefined
      rooms = [...this.#pending]
      this.#pending = new Map()
    } else {
      const entries = this.#pending.get(roomKey)
      if (!entries) return
      rooms = [[roomKey, entries]]
      this.#pending.delete(roomKey)
    }
    if (rooms.length === 0) return
    this.#failing = false
    let failure: unknown
    for (const [key, roomEntries] of rooms) {
      for (const { room, day, entries } of this.#dayFiles(roomEntries).values()) {
        try {
          this.#sink.append(room, day, entries.map(lineOf).join(''))
        } catch (error) {
          failure ??= error
          // Kept, ahead of anything appended since, for the next write.
          this.#pending.set(key, [...entries, ...(this.#pending.get(key) ?? [])])
        }
      }
    }
    this.#failing = failure !== undefined
    if (this.#failing) throw failure
  }

  /** Entries by the file they belong in, by `<room>/<day>`, in order. */
  #dayFiles(entries: LogEntry[]): Map<string, DayFile> {
    const files = new Map<string, DayFile>()
    for (const entry of entries) {
      const room = this.#roomName(entry.roomKey)
      const day = this.#dayOf(entry)
      const key = `${room}/${day}`
      const file = files.get(key)
      if (file) file.entries.push(entry)
      else files.set(key, { room, day, entries: [entry] })
    }
    return files
  }

  #dayOf(entry: LogEntry): string {
    return this.#days.dayOf(Date.parse(entry.time))
  }

  #parse(roomKey: string, room: string, day: string, text: string): LogEntry[] {
    const entries: LogEntry[] = []
    for (const [i, line] of text.split('\n').entries()) {
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
