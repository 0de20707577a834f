let report: (error: unknown) => void = (error) => console.error('state write failed:', error)

/** Where background write failures go (the bot's logger); standard error until set. */
export function onStateWriteError(handler: (error: unknown) => void): void {
  report = handler
}

/** After a failed write (disk full, permissions) the next try waits this long instead of the usual delay. */
const RETRY_AFTER_FAILURE_MS = 5_000

/**
 * Writes a file behind its changes: at most one write in flight, and a change made meanwhile waits for the
 * next one, which starts no sooner than `delayMs` after the change. A table that changes on every message
 * is rewritten a few times a second, not hundreds of times. `flush()` writes at once.
 */
export class WriteQueue {
  readonly #write: () => Promise<void>
  readonly #delayMs: number
  #running: Promise<void> | null = null
  #timer: NodeJS.Timeout | null = null
  #dirty = false
  #failing = false

  constructor(write: () => Promise<void>, delayMs: number) {
    this.#write = write
    this.#delayMs = delayMs
  }

  schedule(): void {
    this.#dirty = true
    if (this.#timer || this.#running) return
    this.#timer = setTimeout(
      () => {
        this.#timer = null
        void this.#run().catch((error: unknown) => {
          // Reported once per streak of failures; the data stays in memory and is retried.
          if (!this.#failing) report(error)
          this.#failing = true
        })
      },
      this.#failing ? RETRY_AFTER_FAILURE_MS : this.#delayMs,
    )
    this.#timer.unref()
  }

  /** Resolves when every change made so far is on disk; rejects if the write failed (kept dirty for retry). */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = null
    }
    if (this.#running) await this.#running.catch(() => undefined)
    if (this.#dirty) await this.#run()
  }

  #run(): Promise<void> {
    this.#dirty = false
    const run = this.#write()
      .then(() => {
        this.#failing = false
      })
      .catch((error: unknown) => {
        this.#dirty = true
        throw error
      })
      .finally(() => {
        this.#running = null
        // Changes made while this write ran go out in the next one.
        if (this.#dirty && !this.#timer) this.schedule()
      })
    this.#running = run
    return run
  }
}
