import { z } from 'zod'
import { LIMITS } from './room-settings.js'

/** `plugins.games` in config.yaml: the defaults every room starts from (leaders tune theirs with /游戏 设置). */
export const gamesConfig = z.object({
  /** points for a right answer */
  points: z.number().int().min(1).max(1000).default(10),
  /** points taken off for each hint used */
  hintCost: z.number().int().min(0).max(100).default(3),
  /** seconds to answer a question */
  timeLimitSeconds: z
    .number()
    .int()
    .min(LIMITS.timeLimitSeconds.min)
    .max(LIMITS.timeLimitSeconds.max)
    .default(60),
  /** rounds a room may play a day: games are seasoning, not the meal */
  dailyRounds: z.number().int().min(LIMITS.dailyRounds.min).max(LIMITS.dailyRounds.max).default(3),
  /** 成语接龙 takes a same-sound character (再接再励 for 再接再厉) */
  samePinyin: z.boolean().default(false),
})

export type GamesConfig = z.infer<typeof gamesConfig>
