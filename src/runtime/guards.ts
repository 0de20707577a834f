import type { HandledLog } from '../store/handled-log.js'
import { hashId, IdWindow } from '../store/id-index.js'

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
  /** ids of the messages seen lately: one hash per message serves this and the handled log */
  private readonly seen: IdWindow
  private loginAt = 0

  constructor(
    private readonly options: GuardOptions,
    /** ids of messages that changed state, kept across restarts so a redelivery has no second effect */
    private readonly handled: HandledLog,
  ) {
    this.seen = new IdWindow(options.recentIdsKept)
  }

  markLogin(at: Date): void {
    this.loginAt = at.getTime()
  }

  /** `sentAt` and `now` in epoch milliseconds: this runs for every message, so no objects are built. */
  check(id: string, self: boolean, sentAt: number, now: number): GuardVerdict {
    if (self) return 'own'
    if (sentAt < this.loginAt - this.options.loginSkewSeconds * 1000) return 'stale'
    if (now - sentAt > this.options.maxMessageAgeSeconds * 1000) return 'stale'
    const hash = hashId(id)
    if (this.handled.has(id, hash) || !this.seen.add(id, hash)) return 'duplicate'
    return 'accept'
  }

  /** Persists the id of a message whose handling changed shared state. */
  markHandled(id: string): void {
    this.handled.add(id)
  }
}
