import { appendFile, mkdir, readdir, readFile, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { MemberRef } from '../host/types.js'
import { safeName } from '../store/safe-name.js'
import { StateFileCorruptError } from '../store/snapshot-file.js'
import type { Clock } from '../time/clock.js'

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

interface RoomBook {
  /** in the order they were added, which is time order: the clock never moves back */
  entries: LedgerEntry[]
  totals: Map<string, RankingRow>
}

/**
 * The points ledger: append-only, one JSONL file per room under `data/points/`. Balances and rankings are
 * derived from the entries, kept in memory: `add` is O(1) (a push and a running total), a ranking since a date
 * reads only the entries after it. Not in a lowdb file on purpose: lowdb rewrites its whole file on every
 * write, and a season of check-ins for a few hundred rooms is tens of megabytes.
 */
export class Ledger {
  private readonly rooms = new Map<string, RoomBook>()
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
    return this.rooms.get(roomKey)?.totals.get(memberKey)?.points ?? 0
  }

  /** A member's latest entries in a room, newest first. */
  entries(roomKey: string, memberKey: string, options: { limit?: number } = {}): LedgerEntry[] {
    const all = this.rooms.get(roomKey)?.entries ?? []
    const limit = options.limit ?? Number.POSITIVE_INFINITY
    const found: LedgerEntry[] = []
    for (let i = all.length - 1; i >= 0 && found.length < limit; i--) {
      const entry = all[i] as LedgerEntry
      if (entry.member.key === memberKey) found.push(entry)
    }
    return found
  }

  /**
   * The room's ranking, all-time or since a moment: most points first, ties by name then key, so it reads the
   * same every time. Members at zero are left out.
   */
  ranking(roomKey: string, options: { since?: Date; limit?: number } = {}): RankingRow[] {
    const book = this.rooms.get(roomKey)
    if (!book) return []
    let rows: RankingRow[]
    if (options.since) {
      const since = options.since.toISOString()
      const sums = new Map<string, RankingRow>()
      for (let i = book.entries.length - 1; i >= 0; i--) {
        const entry = book.entries[i] as LedgerEntry
        if (entry.time < since) break
        const row = sums.get(entry.member.key)
        if (row) row.points += entry.amount
        else sums.set(entry.member.key, { member: entry.member, points: entry.amount })
      }
      rows = [...sums.values()]
    } else {
      rows = [...book.totals.values()].map((row) => ({ ...row }))
    }
    rows = rows
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
    while (this.flushing) await this.flushing
  }

  private remember(entry: LedgerEntry): number {
    let book = this.rooms.get(entry.room)
    if (!book) {
      book = { entries: [], totals: new Map() }
      this.rooms.set(entry.room, book)
    }
    book.entries.push(entry)
    const row = book.totals.get(entry.member.key)
    // The latest name wins: members rename themselves, the ranking shows them as they are called now.
    const next = { member: entry.member, points: (row?.points ?? 0) + entry.amount }
    book.totals.set(entry.member.key, next)
    return next.points
  }

  /**
   * Entries added in the same turn of the event loop go out together, one append per room file; an `add`
   * resolves once its line is written, so a reply that reports the points is never ahead of the file.
   */
  private flushSoon(): Promise<void> {
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.writePending())
      .finally(() => {
        this.flushing = undefined
      })
    return this.flushing
  }

  private async writePending(): Promise<void> {
    const batch = this.pending
    this.pending = []
    const byRoom = new Map<string, string[]>()
    for (const entry of batch) {
      const lines = byRoom.get(entry.room) ?? []
      lines.push(`${JSON.stringify(entry)}\n`)
      byRoom.set(entry.room, lines)
    }
    const dir = this.dir as string
    await Promise.all(
      [...byRoom].map(([room, lines]) => appendFile(join(dir, `${safeName(room)}.jsonl`), lines.join(''))),
    )
    // Entries added while this batch was written wait for the next one.
    if (this.pending.length > 0) await this.writePending()
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
