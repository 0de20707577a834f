import type { ChatMessage, MemberRef } from '../host/types.js'
import { isoInstant, LAST_FOUR_DIGIT_YEAR_MS } from '../time/iso.js'
import type { LogEntry } from './recorder.js'

/**
 * What `JSON.stringify` might change in a string: a quote, a backslash, a control character or a lone
 * surrogate. Anything else is written between quotes exactly as it is, so most chat text is encoded without an
 * escaped copy. Without the `u` flag the test also sends well-formed pairs (emoji) to `JSON.stringify`, which
 * writes them unchanged; the test itself then costs half as much on every line, emoji or not.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/

/** Worst case per UTF-16 unit: `\u001f` (6 bytes) when escaped; UTF-8 itself needs at most 3. */
const MAX_BYTES_PER_UNIT = 6
/** Room for a line's fixed parts: field names, quotes, the time, the kind and the newline. */
const FIXED_BYTES = 128

/** A JSON string literal; chat text usually needs no escaping, and then no escaped copy is made. */
function quote(value: string): string {
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`
}

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8')

/**
 * `Buffer#write` with its encoding fixed: what `write(text, offset)` calls after sorting out its optional
 * arguments, which cost as much as the encoding of a short field. Untyped in @types/node, present on every
 * Buffer since Node 0.x.
 */
type Utf8Writable = Buffer & { utf8Write(text: string, offset: number, length: number): number }

const ID_FIELD = bytes('{"id":')
const TEXT_FIELD = bytes(',"text":')
const TIME_FIELD = bytes(',"time":')
const KIND_FIELDS: Record<ChatMessage['kind'], Uint8Array> = {
  text: bytes(',"kind":"text"'),
  image: bytes(',"kind":"image"'),
  other: bytes(',"kind":"other"'),
}
const LINE_END = bytes('}\n')

function senderFields(key: string, name: string): Uint8Array {
  return bytes(`,"senderKey":${quote(key)},"senderName":${quote(name)}`)
}

/** A member's fields, encoded once: the pipeline hands over shared, frozen refs, so a chatty member reuses them. */
const memberFields = new WeakMap<MemberRef, Uint8Array>()

function memberFieldsOf(member: MemberRef): Uint8Array {
  let fields = memberFields.get(member)
  if (fields === undefined) {
    fields = senderFields(member.key, member.name)
    memberFields.set(member, fields)
  }
  return fields
}

/** A room message as the pipeline hands it to the recorder. */
export type RoomChatMessage = ChatMessage & { room: NonNullable<ChatMessage['room']> }

/**
 * One room-day's JSONL lines, UTF-8 encoded into a reused buffer, waiting to be written. A line is written
 * piece by piece: the parts that repeat (the room's key and topic, the sender, the field names, the time's
 * second) are copied as bytes encoded once, and only the id and the text are encoded per line. No line
 * string is built, so a flush allocates next to nothing. The bytes are exactly `JSON.stringify(entry)` plus a
 * newline, fields in {@link LogEntry} order.
 */
export class LogChunk {
  #bytes: Buffer
  #length = 0
  #lines = 0
  #roomKey: string | undefined
  #roomTopic: string | undefined
  #roomFields: Uint8Array = new Uint8Array(0)
  /** `"YYYY-MM-DDTHH:mm:ss.` of the last second written, as bytes */
  #second = Number.NaN
  #secondBytes: Uint8Array = new Uint8Array(0)

  constructor(capacity = 8 * 1024) {
    this.#bytes = Buffer.allocUnsafe(capacity)
  }

  get lines(): number {
    return this.#lines
  }

  /** The encoded lines; valid until the next append or {@link clear}. */
  get bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length)
  }

  text(): string {
    return this.#bytes.toString('utf8', 0, this.#length)
  }

  append(e: LogEntry): void {
    const sender = senderFields(e.senderKey, e.senderName)
    this.#begin(e.id, e.text, e.roomKey, e.roomTopic, sender, e.mentions, e.time.length + e.kind.length)
    this.#string(quote(e.time))
    this.#string(`,"kind":${quote(e.kind)}`)
    this.#end(e.mentions)
  }

  /** The line of a message as the pipeline built it (its time and kind need no escaping). */
  appendMessage(msg: RoomChatMessage): void {
    const mentions = msg.mentions.length === 0 ? undefined : msg.mentions.map((m) => m.key)
    const { key, topic } = msg.room
    this.#begin(msg.id, msg.text, key, topic, memberFieldsOf(msg.sender), mentions, 0)
    this.#instant(msg.time.getTime())
    this.#copy(KIND_FIELDS[msg.kind])
    this.#end(mentions)
  }

  /** Everything up to the time's value: id, room, sender, text and the time's field name. */
  #begin(
    id: string,
    text: string,
    roomKey: string,
    roomTopic: string,
    sender: Uint8Array,
    mentions: string[] | undefined,
    /** UTF-16 units of whatever else the caller writes after the time's field name */
    moreUnits: number,
  ): void {
    const room = this.#room(roomKey, roomTopic)
    const mentionUnits = mentions === undefined ? 0 : mentions.reduce((n, m) => n + m.length + 3, 14)
    const units = id.length + text.length + mentionUnits + moreUnits
    this.#reserve(MAX_BYTES_PER_UNIT * units + room.length + sender.length + FIXED_BYTES)
    this.#copy(ID_FIELD)
    this.#quoted(id)
    this.#copy(room)
    this.#copy(sender)
    this.#copy(TEXT_FIELD)
    this.#quoted(text)
    this.#copy(TIME_FIELD)
  }

  #end(mentions: string[] | undefined): void {
    if (mentions !== undefined) this.#string(`,"mentions":${JSON.stringify(mentions)}`)
    this.#copy(LINE_END)
    this.#lines++
  }

  /** `"YYYY-MM-DDTHH:mm:ss.sssZ"` as `Date#toISOString` writes it, from the second's bytes and three digits. */
  #instant(ms: number): void {
    if (!(ms >= 0 && ms <= LAST_FOUR_DIGIT_YEAR_MS) || !Number.isInteger(ms)) {
      this.#string(`"${isoInstant(ms)}"`)
      return
    }
    const second = Math.floor(ms / 1000)
    if (second !== this.#second) {
      this.#second = second
      this.#secondBytes = bytes(`"${isoInstant(second * 1000).slice(0, 20)}`)
    }
    this.#copy(this.#secondBytes)
    const millis = ms - second * 1000
    const out = this.#bytes
    let at = this.#length
    out[at++] = 48 + Math.floor(millis / 100)
    out[at++] = 48 + (Math.floor(millis / 10) % 10)
    out[at++] = 48 + (millis % 10)
    out[at++] = 90 // Z
    out[at++] = 34 // "
    this.#length = at
  }

  /** Appends lines encoded elsewhere (a failed write put back in front of newer lines). */
  appendEncoded(encoded: Uint8Array, lines: number): void {
    this.#reserve(encoded.length)
    this.#copy(encoded)
    this.#lines += lines
    // The next entry's room fields are encoded afresh rather than trusted.
    this.#roomKey = undefined
  }

  /** Empties the chunk for reuse, keeping its buffer. */
  clear(): void {
    this.#length = 0
    this.#lines = 0
  }

  /** A JSON string literal of `value`; the usual value needs no escaping and is encoded as it stands. */
  #quoted(value: string): void {
    if (NEEDS_ESCAPING.test(value)) {
      this.#string(JSON.stringify(value))
      return
    }
    this.#bytes[this.#length++] = 34
    this.#string(value)
    this.#bytes[this.#length++] = 34
  }

  #string(value: string): void {
    const out = this.#bytes as Utf8Writable
    this.#length += out.utf8Write(value, this.#length, out.length - this.#length)
  }

  #copy(part: Uint8Array): void {
    this.#bytes.set(part, this.#length)
    this.#length += part.length
  }

  #room(key: string, topic: string): Uint8Array {
    if (key !== this.#roomKey || topic !== this.#roomTopic) {
      this.#roomKey = key
      this.#roomTopic = topic
      this.#roomFields = bytes(`,"roomKey":${quote(key)},"roomTopic":${quote(topic)}`)
    }
    return this.#roomFields
  }

  #reserve(extra: number): void {
    const needed = this.#length + extra
    if (needed <= this.#bytes.length) return
    const grown = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2))
    this.#bytes.copy(grown, 0, 0, this.#length)
    this.#bytes = grown
  }
}
