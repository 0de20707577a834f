import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppendFiles } from './append-files.js'

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/

/**
 * Where day logs live. `room` is always a {@link safeName}, so it cannot leave the root. Every operation is
 * synchronous: the recorder relies on an append being in the file when it returns, and on nothing
 * appending in the middle of a read.
 */
export interface LogSink {
  describe(room: string, day: string): string
  /** Appends lines, each ending in a newline. */
  append(room: string, day: string, lines: string): void
  read(room: string, day: string): string | null
  days(room: string): string[]
  rooms(): string[]
  remove(room: string, day: string): void
  /** Lets go of open files, so the next write finds the folder again even if it was deleted meanwhile. */
  release(): void
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

/** Missing, or a stray file where the room's folder belongs: either way it holds no days. */
function holdsNothing(error: unknown): boolean {
  return isMissing(error) || (error as NodeJS.ErrnoException | null)?.code === 'ENOTDIR'
}

/** Day logs as files: `<root>/<room>/<YYYY-MM-DD>.jsonl`, kept open between writes ({@link AppendFiles}). */
export class DiskSink implements LogSink {
  readonly #root: string
  readonly #files = new AppendFiles()

  constructor(root: string) {
    this.#root = resolve(root)
  }

  describe(room: string, day: string): string {
    return join(this.#root, room, `${day}.jsonl`)
  }

  append(room: string, day: string, lines: string): void {
    this.#files.append(this.describe(room, day), lines)
  }

  release(): void {
    this.#files.release()
  }

  read(room: string, day: string): string | null {
    try {
      return readFileSync(this.describe(room, day), 'utf8')
    } catch (error) {
      if (holdsNothing(error)) return null
      throw error
    }
  }

  days(room: string): string[] {
    let names: string[]
    try {
      names = readdirSync(join(this.#root, room))
    } catch (error) {
      if (holdsNothing(error)) return []
      throw error
    }
    return names.flatMap((name) => DAY_FILE.exec(name)?.[1] ?? [])
  }

  rooms(): string[] {
    try {
      const entries = readdirSync(this.#root, { withFileTypes: true })
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    } catch (error) {
      if (isMissing(error)) return []
      throw error
    }
  }

  remove(room: string, day: string): void {
    this.#files.close(this.describe(room, day))
    rmSync(this.describe(room, day), { force: true })
    try {
      // Drops the room's folder once its last day is gone; fails harmlessly while it still has files.
      rmdirSync(join(this.#root, room))
    } catch {}
  }
}

/**
 * Logs kept in memory (tests, benchmarks): only the newest `maxLinesPerRoom` lines of each room, so a long
 * run does not grow without bound the way a disk would.
 */
export class MemorySink implements LogSink {
  readonly #rooms = new Map<string, Map<string, string[]>>()

  constructor(private readonly maxLinesPerRoom: number) {}

  describe(room: string, day: string): string {
    return `memory:${room}/${day}.jsonl`
  }

  release(): void {}

  append(room: string, day: string, lines: string): void {
    let days = this.#rooms.get(room)
    if (!days) {
      days = new Map()
      this.#rooms.set(room, days)
    }
    const kept = days.get(day) ?? []
    for (const line of lines.split('\n')) if (line !== '') kept.push(line)
    days.set(day, kept)
    this.#trim(days)
  }

  read(room: string, day: string): string | null {
    const lines = this.#rooms.get(room)?.get(day)
    return lines ? lines.map((line) => `${line}\n`).join('') : null
  }

  days(room: string): string[] {
    return [...(this.#rooms.get(room)?.keys() ?? [])]
  }

  rooms(): string[] {
    return [...this.#rooms.keys()]
  }

  remove(room: string, day: string): void {
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
