import type { ChatMessage, MemberRef } from '../host/types.js'
import { isoInstant } from '../time/iso.js'
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

/** A JSON string literal; chat text usually needs no escaping, and then no escaped copy is made. */
function quote(value: string): string {
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`
}

function senderFields(key: string, name: string): string {
  return `,"senderKey":${quote(key)},"senderName":${quote(name)}`
}

/** A member's fields, quoted once: the pipeline hands over shared, frozen refs, so a chatty member reuses them. */
const memberFields = new WeakMap<MemberRef, string>()

function memberFieldsOf(member: MemberRef): string {
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
 * One room-day's JSONL lines, UTF-8 encoded into a reused buffer, waiting to be written. The parts that
 * repeat (the room's key and topic, the sender) are quoted once. The bytes are exactly
 * `JSON.stringify(entry)` plus a newline, fields in {@link LogEntry} order.
 */
export class LogChunk {
  #bytes: Buffer
  #length = 0
  #lines = 0
  #roomKey: string | undefined
  #roomTopic: string | undefined
  #roomFields = ''

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
    this.#write(e.id, e.roomKey, e.roomTopic, sender, e.text, quote(e.time), quote(e.kind), e.mentions)
  }

  /** The line of a message as the pipeline built it (its time and kind need no escaping). */
  appendMessage(msg: RoomChatMessage): void {
    const time = `"${isoInstant(msg.time.getTime())}"`
    const mentions = msg.mentions.length === 0 ? undefined : msg.mentions.map((m) => m.key)
    const { key, topic } = msg.room
    this.#write(msg.id, key, topic, memberFieldsOf(msg.sender), msg.text, time, `"${msg.kind}"`, mentions)
  }

  /** `sender`, `time` and `kind` come as JSON already; everything else is quoted here. */
  #write(
    id: string,
    roomKey: string,
    roomTopic: string,
    sender: string,
    text: string,
    time: string,
    kind: string,
    mentions: string[] | undefined,
  ): void {
    const tail = mentions === undefined ? '' : `,"mentions":${JSON.stringify(mentions)}`
    const line = `{"id":${quote(id)}${this.#room(roomKey, roomTopic)}${sender},"text":${quote(text)},"time":${time},"kind":${kind}${tail}}\n`
    // One encoding call per line: each call into the encoder costs more than a longer string does.
    this.#reserve(MAX_BYTES_PER_UNIT * line.length)
    this.#length += this.#bytes.write(line, this.#length)
    this.#lines++
  }

  /** Appends lines encoded elsewhere (a failed write put back in front of newer lines). */
  appendEncoded(bytes: Uint8Array, lines: number): void {
    this.#reserve(bytes.length)
    this.#bytes.set(bytes, this.#length)
    this.#length += bytes.length
    this.#lines += lines
    // The next entry's room fields are encoded afresh rather than trusted.
    this.#roomKey = undefined
  }

  /** Empties the chunk for reuse, keeping its buffer. */
  clear(): void {
    this.#length = 0
    this.#lines = 0
  }

  #room(key: string, topic: string): string {
    if (key !== this.#roomKey || topic !== this.#roomTopic) {
      this.#roomKey = key
      this.#roomTopic = topic
      this.#roomFields = `,"roomKey":${quote(key)},"roomTopic":${quote(topic)}`
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
