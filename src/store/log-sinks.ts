import { closeSync, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { readdir, readFile, rm, rmdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/

/** Where day logs live. `room` is always a {@link safeName}, so it cannot leave the root. */
export interface LogSink {
  describe(room: string, day: string): string
  /** Appends UTF-8 encoded lines; the bytes may be reused once the returned promise settles. */
  append(room: string, day: string, bytes: Uint8Array): Promise<void>
  read(room: string, day: string): Promise<string | null>
  days(room: string): Promise<string[]>
  rooms(): Promise<string[]>
  remove(room: string, day: string): Promise<void>
  /** Lets go of whatever the sink holds open; appending afterwards opens anew. */
  close(): void
}

/** Day files kept open at once; past this the least recently written one is closed. */
const OPEN_FILES = 64

/** Writes every byte: a write to a regular file may, rarely, take only part. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written)
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

export class DiskSink implements LogSink {
  readonly #root: string
  /** room directories known to exist; a removed room's is forgotten */
  readonly #madeDirs = new Set<string>()
  /** open day files by path, least recently written first */
  readonly #open = new Map<string, number>()

  constructor(root: string) {
    this.#root = resolve(root)
  }

  describe(room: string, day: string): string {
    return join(this.#root, room, `${day}.jsonl`)
  }

  /**
   * Synchronous on purpose: the recorder calls this from a background flush with a batch of lines, and one
   * blocking write to the page cache (a few µs) costs far less than the thread-pool round trips, promises
   * and extra syscalls of its async twin, which were a large part of the bot's cost per message. The day's
   * file stays open between flushes (opening and closing it cost more than the write), and is checked to
   * be still linked before each write, so a log folder deleted under the bot is made again, not written
   * into the void.
   */
  async append(room: string, day: string, bytes: Uint8Array): Promise<void> {
    const path = this.describe(room, day)
    try {
      writeAll(this.#fileFor(room, path), bytes)
    } catch (error) {
      this.#forget(path)
      if (!isMissing(error)) throw error
      this.#makeDir(room)
      writeAll(this.#fileFor(room, path), bytes)
    }
  }

  close(): void {
    for (const path of [...this.#open.keys()]) this.#forget(path)
  }

  /** The open descriptor of a day file, opened (and its room's folder made) when needed. */
  #fileFor(room: string, path: string): number {
    const fd = this.#open.get(path)
    if (fd !== undefined) {
      if (fstatSync(fd).nlink > 0) {
        // Most recently written last: the first entry is the one to close when too many are open.
        this.#open.delete(path)
        this.#open.set(path, fd)
        return fd
      }
      this.#forget(path)
      this.#madeDirs.delete(room)
    }
    if (!this.#madeDirs.has(room)) this.#makeDir(room)
    const opened = openSync(path, 'a')
    this.#open.set(path, opened)
    if (this.#open.size > OPEN_FILES) this.#forget(this.#open.keys().next().value as string)
    return opened
  }

  #forget(path: string): void {
    const fd = this.#open.get(path)
    if (fd === undefined) return
    this.#open.delete(path)
    try {
      closeSync(fd)
    } catch {
      // Already unusable: nothing more to let go of.
    }
  }

  #makeDir(room: string): void {
    mkdirSync(join(this.#root, room), { recursive: true })
    this.#madeDirs.add(room)
  }

  async read(room: string, day: string): Promise<string | null> {
    try {
      return await readFile(this.describe(room, day), 'utf8')
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  async days(room: string): Promise<string[]> {
    const names = await readdir(join(this.#root, room)).catch((error: unknown) => {
      // A stray file where the room's folder belongs holds no days either.
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return []
      throw error
    })
    return names.flatMap((name) => DAY_FILE.exec(name)?.[1] ?? [])
  }

  async rooms(): Promise<string[]> {
    const entries = await readdir(this.#root, { withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return []
      throw error
    })
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name)
  }

  async remove(room: string, day: string): Promise<void> {
    this.#forget(this.describe(room, day))
    await rm(this.describe(room, day), { force: true })
    this.#madeDirs.delete(room)
    // Drops the room directory once its last day is gone; fails harmlessly while it still has files.
    await rmdir(join(this.#root, room)).catch(() => {})
  }
}

/**
 * Logs kept in memory (tests, benchmarks): only the newest `maxLinesPerRoom` lines of each room, so a long
 * run does not grow without bound the way a disk would.
 */
export class MemorySink implements LogSink {
  readonly #rooms = new Map<string, Map<string, string[]>>()

  constructor(private readonly maxLinesPerRoom: number) {}

  close(): void {}

  describe(room: string, day: string): string {
    return `memory:${room}/${day}.jsonl`
  }

  async append(room: string, day: string, bytes: Uint8Array): Promise<void> {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    let days = this.#rooms.get(room)
    if (!days) {
      days = new Map()
      this.#rooms.set(room, days)
    }
    const lines = days.get(day) ?? []
    for (const line of text.split('\n')) if (line !== '') lines.push(line)
    days.set(day, lines)
    this.#trim(days)
  }

  async read(room: string, day: string): Promise<string | null> {
    const lines = this.#rooms.get(room)?.get(day)
    return lines ? lines.map((line) => `${line}\n`).join('') : null
  }

  async days(room: string): Promise<string[]> {
    return [...(this.#rooms.get(room)?.keys() ?? [])]
  }

  async rooms(): Promise<string[]> {
    return [...this.#rooms.keys()]
  }

  async remove(room: string, day: string): Promise<void> {
    const days = this.#rooms.get(room)
    days?.delete(day)
    if (days?.size === 0) this.#rooms.delete(room)
  }

  /** Drops the oldest lines, a tenth of the limit at a time so that trimming is rare. */
  #trim(days: Map<string, string[]>): void {
    let total = 0
    for (const lines of days.values()) total += lines.length
    if (total <= this.maxLinesPerRoom) return
    let excess = total - Math.floor(this.maxLinesPerRoom * 0.9)
    for (const day of [...days.keys()].sort()) {
      const lines = days.get(day) as string[]
      if (excess <= 0) break
      if (lines.length <= excess) {
        days.delete(day)
        excess -= lines.length
      } else {
        lines.splice(0, excess)
        excess = 0
      }
    }
  }
}
