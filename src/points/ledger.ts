import { mkdir, readdir, readFile, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { MemberRef } from '../host/types.js'
import { AppendFiles } from '../store/append-files.js'
import { safeName } from '../store/safe-name.js'
import { StateFileCorruptError } from '../store/snapshot-file.js'
import type { Clock } from '../time/clock.js'
import { type BookEntry, RoomBook, StringTable } from './room-book.js'

/** One line of a room's ledger: who got how many points, why, from which plugin, when. Never changed. */
export interface LedgerEntry {
  room: string
  member: MemberRef
  amount: number
  reason: string
  source: string
  /** ISO instant */
  time: string
}

export interface RankingRow {
  member: MemberRef
  points: number
}

/**
 * The points ledger: append-only, one JSONL file per room under `data/points/`. Balances and rankings are
 * derived from the entries, kept in memory as columns ({@link RoomBook}): `add` is O(1) (a push and a running
 * total), a ranking since a date reads only the entries after it. Not in a lowdb file on purpose: lowdb rewrites its whole file on every
 * write, and a season of check-ins for a few hundred rooms is tens of megabytes.
 */
export class Ledger {
  private readonly rooms = new Map<string, RoomBook>()
  private readonly strings = new StringTable()
  private readonly files = new AppendFiles()
  private pending: LedgerEntry[] = []
  private flushing: Promise<void> | undefined

  private constructor(
    private readonly dir: string | null,
    private readonly clock: Clock,
  ) {}

  /** Reads every room's file back; `dir` null keeps the ledger in memory (tests, benchmarks). */
  static async open(dir: string | null, clock: Clock): Promise<Ledger> {
    const ledger = new Ledger(dir, clock)
    if (dir === null) return ledger
    await mkdir(dir, { recursive: true })
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort()) {
      const path = join(dir, file)
      const text = await readFile(path, 'utf8')
      for (const entry of parseLedgerFile(path, text)) ledger.remember(entry)
      // A torn last line (never confirmed to anyone) is cut off, so the next entry starts a line of its own.
      if (text !== '' && !text.endsWith('\n')) {
        await truncate(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)))
      }
    }
    return ledger
  }

  /** Records points and resolves with the member's new balance once the entry is in the room's file. */
  async add(
    roomKey: string,
    member: MemberRef,
    amount: number,
    reason: string,
    source: string,
  ): Promise<number> {
    const entry: LedgerEntry = {
      room: roomKey,
      member,
      amount,
      reason,
      source,
      time: this.clock.now().toISOString(),
    }
    const balance = this.remember(entry)
    if (this.dir !== null) {
      this.pending.push(entry)
      await this.flushSoon()
    }
    return balance
  }

  balance(roomKey: string, memberKey: string): number {
    return this.rooms.get(roomKey)?.balance(memberKey) ?? 0
  }

  /** A member's latest entries in a room, newest first. */
  entries(roomKey: string, memberKey: string, options: { limit?: number } = {}): LedgerEntry[] {
    const book = this.rooms.get(roomKey)
    if (!book) return []
    const found = book.latest(memberKey, options.limit ?? Number.POSITIVE_INFINITY)
    return found.map((entry) => ({ ...entry, room: roomKey, time: new Date(entry.time).toISOString() }))
  }

  /**
   * The room's ranking, all-time or since a moment: most points first, ties by name then key, so it reads the
   * same every time. Members at zero are left out.
   */
  ranking(roomKey: string, options: { since?: Date; limit?: number } = {}): RankingRow[] {
    const rows = (this.rooms.get(roomKey)?.sums(options.since?.getTime()) ?? [])
      .filter((row) => row.points !== 0)
      .sort(
        (a, b) =>
          b.points - a.points ||
          a.member.name.localeCompare(b.member.name, 'zh') ||
          a.member.key.localeCompare(b.member.key),
      )
    return options.limit ? rows.slice(0, options.limit) : rows
  }

  /** Resolves when every entry added so far is written. */
  async flush(): Promise<void> {
    try {
      while (this.flushing) await this.flushing
    } finally {
      this.files.release()
    }
  }

  private remember(entry: LedgerEntry): number {
    let book = this.rooms.get(entry.room)
    if (!book) {
      book = new RoomBook(this.strings)
      this.rooms.set(entry.room, book)
    }
    const kept: BookEntry = { ...entry, time: Date.parse(entry.time) }
    return book.add(kept)
  }

  /**
   * Entries added in the same turn of the event loop go out together at its end, one append per room file;
   * an `add` resolves once its line is written, so a reply that reports the points is never ahead of the file.
   */
  private flushSoon(): Promise<void> {
    this.flushing ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.flushing = undefined
        try {
          this.writePending()
          resolve()
        } catch (error) {
          reject(error)
        }
      }),
    )
    return this.flushing
  }

  /** Synchronous appends to files kept open: a few microseconds each, so a batch never stalls the bot. */
  private writePending(): void {
    const batch = this.pending
    this.pending = []
    const byRoom = new Map<string, string>()
    for (const entry of batch) {
      byRoom.set(entry.room, `${byRoom.get(entry.room) ?? ''}${JSON.stringify(entry)}\n`)
    }
    const dir = this.dir as string
    let failure: unknown
    for (const [room, lines] of byRoom) {
      try {
        this.files.append(join(dir, `${safeName(room)}.jsonl`), lines)
      } catch (error) {
        failure ??= error
      }
    }
    if (failure !== undefined) throw failure
  }
}

function isEntry(value: unknown): value is LedgerEntry {
  const e = value as LedgerEntry
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.room === 'string' &&
    typeof e.member?.key === 'string' &&
    typeof e.member?.name === 'string' &&
    typeof e.amount === 'number' &&
    typeof e.reason === 'string' &&
    typeof e.source === 'string' &&
    typeof e.time === 'string'
  )
}

/**
 * A ledger file's entries. A crash in the middle of an append leaves a torn last line: that one is skipped (it
 * was never confirmed to anyone). A bad line anywhere else means the file was damaged: start-up stops.
 */
export function parseLedgerFile(path: string, text: string): LedgerEntry[] {
  const lines = text.split('\n')
  const entries: LedgerEntry[] = []
  lines.forEach((line, i) => {
    // Every entry is written with its line break: text after the last one is a torn append, never confirmed.
    if (line.trim() === '' || i === lines.length - 1) return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new StateFileCorruptError(path, `第 ${i + 1} 行不是完整的 JSON`, { cause: error })
    }
    if (!isEntry(value)) throw new StateFileCorruptError(path, `第 ${i + 1} 行不是积分记录`)
    entries.push(value)
  })
  return entries
}
