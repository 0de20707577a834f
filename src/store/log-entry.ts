import type { ChatMessage } from '../host/types.js'
import { isoInstant } from '../time/iso.js'

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

/** The entry as its file stores it: without the room, and without the kind when it is text. */
export function lineOf(entry: LogEntry): string {
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

/**
 * The entries of one room's day file (its text, pending lines appended), each with its position. Positions
 * count every non-empty line, malformed ones too, so that they never move as the file grows; a malformed line
 * is skipped and reported by its line number.
 */
export function readDayLines(
  text: string,
  roomKey: string,
  day: string,
  malformed: (lineNumber: number) => void,
): PlacedEntry[] {
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
    else malformed(i + 1)
  }
  return entries
}
