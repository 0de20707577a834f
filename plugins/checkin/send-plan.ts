/**
 * How check-in spends the account's sends in one room for one day. One WeChat account sends a few hundred
 * messages a day at most (`outbox.dailyCap`, 300 by default) across every room and plugin, so one reply per
 * check-in cannot serve 200 rooms: the plan gives each room an equal slice of check-in's share and decides
 * what fits in it, cutting the costly things first as rooms multiply.
 */
export interface SendPlan {
  /**
   * `live`: answered as they come (instant replies, roll-ups every few minutes, a reminder that @-mentions
   * every laggard), because the worst day of this room fits its slice. `budget`: bounded by `budget` sends a day.
   */
  mode: 'live' | 'budget'
  /** sends a day this room may use for check-in; Infinity without a daily cap */
  budget: number
  /** check-ins answered one by one each day (a welcome back among them) */
  instantReplies: number
  /** roll-ups a day after those; Infinity in live mode */
  rollups: number
  /** how long a roll-up gathers check-ins */
  rollupMinutes: number
  /**
   * `mentions`: one message per tier and per mention batch, as a small room gets. `count`: one message that
   * names how many have not checked in, without individual mentions, and acknowledges by name everyone waiting
   * (the day digest). `none`: no reminder; the one message the room can afford is the closing digest.
   */
  reminder: 'mentions' | 'count' | 'none'
  /**
   * A closing roll-up at `closingAt` for check-ins still waiting (after the digest); without it they open the
   * room's next message, the next day's digest at the latest.
   */
  closing: boolean
}

export interface PlanInput {
  /** the account's sends a day; 0: no cap */
  dailyCap: number
  /** the part of the cap check-in may use, 0..1 */
  share: number
  /** rooms where check-in is on */
  rooms: number
  /** members of this room */
  members: number
  /** messages it takes to @-mention every member (the outbox caps mentions per message) */
  mentionBatches: number
  /** as configured: what a room gets when sends are plentiful */
  instantReplies: number
  rollupMinutes: number
  /** what a room that can afford one message a day gets: the closing digest, or the reminder carrying it */
  singleMessage?: 'digest' | 'reminder'
}

/** Reminder tiers, each its own message: keep going, come back, how are you, the door is open. */
const TIERS = 4
/** The hours of a day members check in, over which the roll-ups a room can afford are spread. */
const ACTIVE_MINUTES = 16 * 60

/** The most sends a reminder that @-mentions every laggard can take: every member lagging, every tier. */
export function mentionReminderSends(mentionBatches: number): number {
  return Math.max(1, mentionBatches + TIERS - 1)
}

/**
 * The day's plan for one room.
 *
 * @example
 * sendPlan({ dailyCap: 300, share: 0.7, rooms: 200, members: 500, mentionBatches: 50, instantReplies: 3,
 *   rollupMinutes: 10 })
 * // → { mode: 'budget', budget: 1.05, instantReplies: 0, rollups: 0, reminder: 'count', closing: false, … }
 */
export function sendPlan(input: PlanInput): SendPlan {
  const rooms = Math.max(1, input.rooms)
  const budget = input.dailyCap > 0 ? (input.dailyCap * input.share) / rooms : Number.POSITIVE_INFINITY
  const mentions = mentionReminderSends(input.mentionBatches)
  // A roll-up names at least one check-in, so a room cannot need more of them than it has members.
  const liveRollups = Math.min(input.members, Math.ceil(ACTIVE_MINUTES / input.rollupMinutes))
  if (budget >= input.instantReplies + mentions + liveRollups) {
    return {
      mode: 'live',
      budget,
      instantReplies: input.instantReplies,
      rollups: Number.POSITIVE_INFINITY,
      rollupMinutes: input.rollupMinutes,
      reminder: 'mentions',
      closing: true,
    }
  }
  // Whole sends, spent in this order: the reminder (one message), the closing roll-up, the first check-ins
  // answered at once, the reminder's mentions, then roll-ups through the day.
  // Below one a room, the digest still goes: it is the least that acknowledges every check-in.
  let left = Math.max(0, Math.floor(budget) - 1)
  if (left === 0 && (input.singleMessage ?? 'digest') === 'digest') {
    // The one message goes at the day's close and names everyone: each check-in acknowledged the same day.
    return {
      mode: 'budget',
      budget,
      instantReplies: 0,
      rollups: 0,
      rollupMinutes: Math.max(input.rollupMinutes, ACTIVE_MINUTES),
      reminder: 'none',
      closing: true,
    }
  }
  const closing = left >= 1
  if (closing) left--
  const instantReplies = Math.min(input.instantReplies, left)
  left -= instantReplies
  const reminder = left >= mentions - 1 ? 'mentions' : 'count'
  if (reminder === 'mentions') left -= mentions - 1
  const rollups = left
  return {
    mode: 'budget',
    budget,
    instantReplies,
    rollups,
    rollupMinutes: Math.max(input.rollupMinutes, Math.floor(ACTIVE_MINUTES / (rollups + 1))),
    reminder,
    closing,
  }
}
