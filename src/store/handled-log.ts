import { appendFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { RecentIds } from './recent-ids.js'

/**
 * Ids of messages whose handling changed shared state, kept across restarts so that a puppet re-delivering
 * one after a restart has no second effect. Every state-changing command adds one, so this is an
 * append-only file (one JSON string per line, O(1) per id) rather than a state file rewritten whole; it is
 * compacted to the newest ids when it opens. A damaged line is skipped: the log is a safety net, not data.
 * New ids reach the file within {@link WRITE_DELAY_MS}, like state files, in one append per batch.
 */
const WRITE_DELAY_MS = 100

const defaultOnError = (error: unknown) => console.error('Handled-message log:', error)

export class HandledLog {
  /** at least the newest `keep` ids, at most twice that */
  private readonly ids: RecentIds
  private pending: string[] = []
  private timer: NodeJS.Timeout | undefined

  private constructor(
    private readonly path: string | null,
    private readonly keep: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.ids = new RecentIds(keep)
  }

  /**
   * `path` null keeps the ids in memory only. `onError` hears of appends that failed: the bot keeps running,
   * but those ids lose their protection against a redelivery after a restart.
   */
  static async open(
    path: string | null,
    keep: number,
    onError: (error: unknown) => void = defaultOnError,
  ): Promise<HandledLog> {
    const log = new HandledLog(path, keep, onError)
    if (path) await log.load(path)
    return log
  }

  has(id: string): boolean {
    return this.ids.has(id)
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

  /** Resolves when every id added so far is in the file, or its failure has been reported. */
  async flush(): Promise<void> {
    this.writePending()
  }

  private writePending(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0 || !this.path) return
    const lines = this.pending.join('')
    const count = this.pending.length
    this.pending = []
    try {
      appendFileSync(this.path, lines)
    } catch (error) {
      this.onError(
        new Error(`Could not record ${count} handled message id(s) in ${this.path}`, { cause: error }),
      )
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
