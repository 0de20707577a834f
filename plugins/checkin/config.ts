import { z } from 'zod'

/** `plugins.checkin` in config.yaml. */
export const checkinConfig = z.object({
  /** when a check-in day starts: before it, a check-in counts for the day before (01:30 → yesterday) */
  dayStartsAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '写成 HH:mm，比如 04:00')
    .default('04:00'),
  /** points for a day's check-in */
  points: z.number().int().min(0).max(1000).default(2),
  /** extra points every this many days in a row */
  streakEvery: z.number().int().min(2).max(100).default(7),
  streakBonus: z.number().int().min(0).max(1000).default(5),
  /** extra points for coming back after a gap of three days or more */
  welcomeBackBonus: z.number().int().min(0).max(1000).default(5),
  /** check-ins answered one by one each day in a room; later ones are gathered into one roll-up */
  instantReplies: z.number().int().min(0).max(50).default(3),
  /** minutes a roll-up gathers check-ins before it is posted */
  rollupMinutes: z.number().int().min(1).max(120).default(10),
  /**
   * the part of the account's daily sends (`outbox.dailyCap`) check-in may use, shared evenly by the rooms where
   * it is on; the rest is left for answering commands, welcomes and games
   */
  budgetShare: z.number().min(0.05).max(1).default(0.7),
  /**
   * a room that can afford only one check-in message a day (many rooms on one account) gets: `digest`, everyone
   * who checked in named at `closingAt`, no reminder; or `reminder`, the digest at the reminder time with how
   * many have not checked in yet, later check-ins named in the next day's digest
   */
  singleMessage: z.enum(['digest', 'reminder']).default('digest'),
  /** when check-ins still waiting (after the day digest) get a closing roll-up: before quiet hours start */
  closingAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '写成 HH:mm，比如 22:20')
    .default('22:20'),
})

export type CheckinConfig = z.infer<typeof checkinConfig>
