type Resolvers = Map<string, (() => void) | Array<() => void>>

const MESSAGE_KEY = 'msg:'

/**
 * Knows when the bot has finished reacting to something. Wechaty ignores the promises its handlers return
 * and loads payloads asynchronously, so "this line is done" has to be said by the bot itself: the sandbox
 * expects a key before it injects an event, and the pipeline settles that key when its work is over.
 */
export class WorkTracker {
  /** one resolver per key, or several when the same key is expected more than once */
  private readonly waiting: Resolvers = new Map()
  /**
   * `msg:<id>` keys, stored by the bare id: every message settles its key, and a lookup by the id Wechaty
   * already hashed costs less than building `msg:<id>` for each one.
   */
  private readonly messages: Resolvers = new Map()
  private inFlight = 0
  private idleWaiters: Array<() => void> = []

  /** Registers interest in a key before the event that will settle it is emitted. */
  expect(key: string): Promise<void> {
    const [map, id] = this.slot(key)
    return expectIn(map, id)
  }

  /** `expect('msg:<id>')` without building the key: for callers that expect every message. */
  expectMessage(id: string): Promise<void> {
    return expectIn(this.messages, id)
  }

  /** Resolves the oldest expectation of the key, if any. */
  settle(key: string): void {
    const [map, id] = this.slot(key)
    settleOldest(map, id)
  }

  /** Settles `msg:<id>`. */
  settleMessage(id: string): void {
    if (this.messages.size > 0) settleOldest(this.messages, id)
  }

  private slot(key: string): [Resolvers, string] {
    return key.startsWith(MESSAGE_KEY) ? [this.messages, key.slice(MESSAGE_KEY.length)] : [this.waiting, key]
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

function settleOldest(map: Resolvers, key: string): void {
  const current = map.get(key)
  if (current === undefined) return
  if (!Array.isArray(current)) {
    map.delete(key)
    current()
    return
  }
  const resolve = current.shift()
  if (current.length === 0) map.delete(key)
  resolve?.()
}

function expectIn(map: Resolvers, key: string): Promise<void> {
  return new Promise((resolve) => {
    const current = map.get(key)
    if (current === undefined) map.set(key, resolve)
    else if (Array.isArray(current)) current.push(resolve)
    else map.set(key, [current, resolve])
  })
}
