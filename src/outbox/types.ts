import type { Clock } from '../time/clock.js'
import type { DailyCountStore } from './daily-cap.js'

/**
 * Shapes shared by the outbox modules. Every message the bot sends goes through one paced queue because
 * WeChat restricts or bans accounts that send like machines: bursts, blasts to many rooms, hundreds a day.
 */

/** Same shape as the host's MemberRef (kept local so the outbox depends on nothing but time helpers). */
export interface MemberRef {
  key: string
  name: string
}

export type Target = { kind: 'room'; roomKey: string } | { kind: 'direct'; memberKey: string }

export type TextBody = { type: 'text'; text: string; mentions?: MemberRef[] }

export type OutgoingBody =
  /** text may contain '@Name' inline for mentioned members; the transport turns those into real mentions */
  | TextBody
  | { type: 'image'; path: string; name?: string }
  /** set the room notice (群公告) */
  | { type: 'notice'; text: string }

/** Quiet hours and the daily cap treat a broadcast differently from an answer to someone who just spoke. */
export type Origin = 'reply' | 'scheduled'

export interface OutgoingMessage {
  id: string
  target: Target
  body: OutgoingBody
  origin: Origin
  /** ISO instant the message was accepted */
  createdAt: string
  /** ISO instant before which the message must not go out (quiet hours, daily cap) */
  notBefore?: string
  /** delivery attempts made so far */
  attempts: number
}

export interface Transport {
  /** Throws on failure. */
  deliver(message: OutgoingMessage): Promise<void>
}

export interface OutboxPersistence {
  load(): Promise<OutgoingMessage[]>
  save(pending: OutgoingMessage[]): Promise<void>
}

/** 'HH:mm' in the clock's zone; may wrap midnight (22:30 → 08:00). */
export interface QuietHours {
  start: string
  end: string
}

export interface PacingOptions {
  /** 0 disables gaps */
  minGapMs: number
  /** extra random 0..jitterMs on top of minGapMs */
  jitterMs: number
  /** 0 = unlimited; otherwise a sliding 60 s window per target */
  perRoomPerMinute: number
  /** 0 = unlimited; counted per local day (clock.timeZone) */
  dailyCap: number
  /** 0 = unlimited */
  maxMentionsPerMessage: number
  /** total tries, and the wait after the 1st, 2nd, … failure; the last value repeats */
  retry: { attempts: number; backoffMs: number[] }
}

export type SendResult =
  | { status: 'sent' }
  | { status: 'deferred'; until: Date }
  | { status: 'dropped'; reason: 'daily-cap' }
  | { status: 'failed'; error: string }

export type OutboxEventType = 'sent' | 'retry' | 'failed' | 'deferred' | 'dropped'

export interface OutboxEvent {
  type: OutboxEventType
  message: OutgoingMessage
  error?: unknown
}

/** Stable string for a target: the unit of per-room pacing and of in-order delivery. */
export function targetKey(target: Target): string {
  return target.kind === 'room' ? `room:${target.roomKey}` : `direct:${target.memberKey}`
}

/** What an Outbox is built from. */
export interface OutboxOptions {
  transport: Transport
  persistence: OutboxPersistence
  pacing: PacingOptions
  clock: Clock
  quietHoursFor?: (target: Target) => QuietHours | undefined
  /** default: setTimeout-based; tests use vitest fake timers */
  wait?: (ms: number) => Promise<void>
  /** default Math.random */
  random?: () => number
  onEvent?: (event: OutboxEvent) => void
  /** A failed save is not fatal (the next change saves again) but should be logged. */
  onPersistError?: (error: unknown) => void
  /** keeps the day's send count for the daily cap across restarts; without it the count is in memory */
  dailyCount?: DailyCountStore
}
