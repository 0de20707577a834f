import type { Clock } from '../time/clock.js'
import type { DailyCounter } from './daily-cap.js'
import { nextLocalDayStart, quietUntil } from './quiet-hours.js'
import type { OutgoingMessage, QuietHours, Target } from './types.js'

export type Admission = { kind: 'go' } | { kind: 'defer'; until: Date } | { kind: 'drop' }

/** Every admitted message gets the same answer object: admission runs for every send. */
const GO: Admission = Object.freeze({ kind: 'go' })

export interface Gates {
  clock: Clock
  counter: DailyCounter
  quietHoursFor?: ((target: Target) => QuietHours | undefined) | undefined
}

/**
 * Decides, when a message reaches the head of the line, whether it may go now. Checked at delivery time
 * rather than at send() so that a message that waited in the line (or across a restart) is judged by the
 * hour it would actually arrive at. Quiet hours bind scheduled posts only: a reply to someone who just
 * spoke is a conversation, not a broadcast. Past the daily cap a reply is dropped (it would be stale
 * tomorrow) while a scheduled post moves to the next day.
 */
export function admit(message: OutgoingMessage, gates: Gates): Admission {
  if (message.notBefore !== undefined) {
    const notBefore = new Date(message.notBefore)
    if (notBefore.getTime() > gates.clock.now().getTime()) return { kind: 'defer', until: notBefore }
  }
  if (message.origin === 'scheduled') {
    const until = quietEnd(gates.clock.now(), message.target, gates)
    if (until) return { kind: 'defer', until }
  }
  if (!gates.counter.isFull()) return GO
  if (message.origin === 'reply') return { kind: 'drop' }
  const dayStart = nextLocalDayStart(gates.clock.now(), gates.clock.timeZone)
  return { kind: 'defer', until: quietEnd(dayStart, message.target, gates) ?? dayStart }
}

function quietEnd(at: Date, target: Target, gates: Gates): Date | undefined {
  const hours = gates.quietHoursFor?.(target)
  return hours ? quietUntil(at, hours, gates.clock.timeZone) : undefined
}
