/**
 * Knows when the bot has finished reacting to something. Wechaty ignores the promises its handlers return
 * and loads payloads asynchronously, so "this line is done" has to be said by the bot itself: the sandbox
 * expects a key before it injects an event, and the pipeline settles that key when its work is over.
 */
export class WorkTracker {
  /** one resolver, or several when the same key is expected more than once */
  private readonly waiting = new Map<string, (() => void) | Array<() => void>>()
  private inFlight = 0
  private idleWaiters: Array<() => void> = []

  /** Registers interest in a key before the event that will settle it is emitted. */
  expect(key: string): Promise<void> {
    return new Promise((resolve) => {
      const current = this.waiting.get(key)
      if (current === undefined) this.waiting.set(key, resolve)
      else if (Array.isArray(current)) current.push(resolve)
      else this.waiting.set(key, [current, resolve])
    })
  }

  /** Resolves the oldest expectation of the key, if any. */
  settle(key: string): void {
    const current = this.waiting.get(key)
    if (current === undefined) return
    if (!Array.isArray(current)) {
      this.waiting.delete(key)
      current()
      return
    }
    const resolve = current.shift()
    if (current.length === 0) this.waiting.delete(key)
    resolve?.()
  }

  /** Settles `msg:<id>`; the key is only built when something waits (the sandbox, tests, the benchmark). */
  settleMessage(id: string): void {
    if (this.waiting.size > 0) this.settle(`msg:${id}`)
  }

  /** Counts a piece of work in until it settles, whatever its outcome. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++
    try {
      return await work
    } finally {
      this.inFlight--
      if (this.inFlight === 0) this.flushIdle()
    }
  }

  /** Counts work in; pair with {@link end}. Cheaper than {@link track} on the per-message path. */
  begin(): void {
    this.inFlight++
  }

  end(): void {
    this.inFlight--
    if (this.inFlight === 0) this.flushIdle()
  }

  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private flushIdle(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}
