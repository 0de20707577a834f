import type { HandledLog } from '../store/handled-log.js'

export type GuardVerdict = 'accept' | 'own' | 'stale' | 'duplicate'

export interface GuardOptions {
  maxMessageAgeSeconds: number
  loginSkewSeconds: number
  recentIdsKept: number
}

/**
 * The one place that decides whether an inbound message is acted upon. Puppets deliver the bot's own
 * sends, replay history after login, and may deliver the same message twice (Wechaty does not dedupe).
 */
export class MessageGuards {
  // Two generations instead of a Map trimmed from the front: V8 leaves a hole for every deleted key and
  // keys().next() walks over them, which made check() cost ~6 µs per message at 5000 ids.
  private recent = new Set<string>()
  private older = new Set<string>()
  private loginAt = 0

  constructor(
    private readonly options: GuardOptions,
    /** ids of messages that changed state, kept across restarts so a redelivery has no second effect */
    private readonly handled: HandledLog,
  ) {}

  markLogin(at: Date): void {
    this.loginAt = at.getTime()
  }

  check(message: { id: string; self: boolean; time: Date }, now: Date): GuardVerdict {
    if (message.self) return 'own'
    const sent = message.time.getTime()
    if (sent < this.loginAt - this.options.loginSkewSeconds * 1000) return 'stale'
    if (now.getTime() - sent > this.options.maxMessageAgeSeconds * 1000) return 'stale'
    if (this.recent.has(message.id) || this.older.has(message.id) || this.handled.has(message.id))
      return 'duplicate'
    this.remember(message.id)
    return 'accept'
  }

  /** Persists the id of a message whose handling changed shared state. */
  markHandled(id: string): void {
    this.handled.add(id)
  }

  /** Keeps between recentIdsKept and twice as many of the newest ids. */
  private remember(id: string): void {
    this.recent.add(id)
    if (this.recent.size >= this.options.recentIdsKept) {
      this.older = this.recent
      this.recent = new Set()
    }
  }
}
