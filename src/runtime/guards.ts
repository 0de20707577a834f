import type { Table } from '../store/state-store.js'

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
  private readonly recent = new Map<string, true>()
  private loginAt = 0
  private writesSincePrune = 0

  constructor(
    private readonly options: GuardOptions,
    /** ids of messages that changed state, kept across restarts so a redelivery has no second effect */
    private readonly handled: Table<string>,
  ) {}

  markLogin(at: Date): void {
    this.loginAt = at.getTime()
  }

  check(message: { id: string; self: boolean; time: Date }, now: Date): GuardVerdict {
    if (message.self) return 'own'
    const sent = message.time.getTime()
    if (sent < this.loginAt - this.options.loginSkewSeconds * 1000) return 'stale'
    if (now.getTime() - sent > this.options.maxMessageAgeSeconds * 1000) return 'stale'
    if (this.recent.has(message.id) || this.handled.has(message.id)) return 'duplicate'
    this.remember(message.id)
    return 'accept'
  }

  /** Persists the id of a message whose handling changed shared state. */
  async markHandled(id: string, now: Date): Promise<void> {
    await this.handled.set(id, now.toISOString())
    if (++this.writesSincePrune >= 500) await this.prune()
  }

  private remember(id: string): void {
    this.recent.set(id, true)
    if (this.recent.size > this.options.recentIdsKept) {
      const oldest = this.recent.keys().next().value
      if (oldest !== undefined) this.recent.delete(oldest)
    }
  }

  /** Keeps the newest ids only: a redelivery comes minutes after the original, not weeks. */
  private async prune(): Promise<void> {
    this.writesSincePrune = 0
    const entries = this.handled.entries()
    const excess = entries.length - this.options.recentIdsKept
    if (excess <= 0) return
    entries.sort((a, b) => a[1].localeCompare(b[1]))
    for (const [id] of entries.slice(0, excess)) await this.handled.delete(id)
  }
}
