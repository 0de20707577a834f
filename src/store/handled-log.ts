import { appendFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { IdWindow } from './id-index.js'

/**
 * Ids of messages whose handling changed shared state, kept across restarts so that a puppet re-delivering
 * one after a restart has no second effect. Every state-changing command adds one, so this is an
 * append-only file (one JSON string per line, O(1) per id) rather than a state file rewritten whole; it is
 * compacted to the newest ids when it opens. A damaged line is skipped: the log is a safety net, not data.
 * New ids reach the file within {@link WRITE_DELAY_MS}, like state files, in one synchronous append per
 * batch: a command-heavy group must not cost a thread-pool round trip per command.
 */
const WRITE_DELAY_MS = 100

export class HandledLog {
  private readonly ids: IdWindow
  private pending: string[] = []
  private timer: NodeJS.Timeout | undefined

  private constructor(
    private readonly path: string | null,
    private readonly keep: number,
  ) {
    // At least the newest `keep` ids, at most twice that: see IdWindow.
    this.ids = new IdWindow(keep)
  }

  /** `path` null keeps the ids in memory only. */
  static async open(path: string | null, keep: number): Promise<HandledLog> {
    const log = new HandledLog(path, keep)
    if (path) await log.load(path)
    return log
  }

  /** `hash` when the caller has it already (see IdWindow). */
  has(id: string, hash?: number): boolean {
    return this.ids.has(id, hash)
  }

  add(id: string): void {
    if (!this.ids.add(id)) return
    if (!this.path) return
    this.pending.push(`${JSON.stringify(id)}\n`)
    if (!this.timer) {
      this.timer = setTimeout(() => this.writePending(), WRITE_DELAY_MS)
      // Pending ids alone must not keep the process alive; the bot flushes when it settles and stops.
      this.timer.unref()
    }
  }

  /** Resolves when every id added so far is in the file. */
  async flush(): Promise<void> {
    this.writePending()
  }

  private writePending(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0 || !this.path) return
    const lines = this.pending.join('')
    this.pending = []
    try {
      appendFileSync(this.path, lines)
    } catch {
      // A failed append loses only the safety net for these ids; the bot keeps running.
    }
  }

  private async load(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true })
    const text = await readFile(path, 'utf8').catch(() => '')
    const lines = text.split('\n').filter((l) => l !== '')
    const newest: string[] = []
    for (const line of lines.slice(-this.keep)) {
      try {
        const id: unknown = JSON.parse(line)
        if (typeof id === 'string' && this.ids.add(id)) newest.push(id)
      } catch {
        // skipped: see the class comment
      }
    }
    if (lines.length > this.keep) {
      const tmp = `${path}.tmp`
      await writeFile(tmp, newest.map((id) => `${JSON.stringify(id)}\n`).join(''))
      await rename(tmp, path)
    }
  }
}
