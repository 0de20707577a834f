import type { HandledLog } from '../store/handled-log.js'
import { RecentIds } from '../store/recent-ids.js'

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
  /** ids of the messages seen lately */
  private readonly seen: RecentIds
  private loginAt = 0

  constructor(
    private readonly options: GuardOptions,
    /** ids of messages that changed state, kept across restarts so a redelivery has no second effect */
    private readonly handled: HandledLog,
  ) {
    this.seen = new RecentIds(options.recentIdsKept)
  }

  markLogin(at: Date): void {
    this.loginAt = at.getTime()
  }

  /** `sentAt` and `now` in epoch milliseconds. */
  check(id: string, self: boolean, sentAt: number, now: number): GuardVerdict {
    if (self) return 'own'
    if (sentAt < this.loginAt - this.options.loginSkewSeconds * 1000) return 'stale'
    if (now - sentAt > this.options.maxMessageAgeSeconds * 1000) return 'stale'
    if (this.handled.has(id) || !this.seen.add(id)) return 'duplicate'
    return 'accept'
  }

  /** Persists the id of a message whose handling changed shared state. */
  markHandled(id: string): void {
    this.handled.add(id)
  }
}
