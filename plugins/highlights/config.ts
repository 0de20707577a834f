import { z } from 'zod'

/** `plugins.highlights` in config.yaml. */
export const highlightsConfig = z.object({
  /**
   * Whether a highlight waits for an admin before the room sees it: false (post at once), true (every room),
   * or the names of the rooms that review. A highlight the word screen flags always waits.
   */
  review: z.union([z.boolean(), z.array(z.string().min(1))]).default(false),
  /** name of the room ops staff collect highlights in; empty sends them to the admins in private */
  opsRoom: z.string().default(''),
  /** points for each member who spoke in a discussion, once its highlight is posted */
  contributorPoints: z.number().int().min(0).max(1000).default(5),
  /** a topic still open after this many hours is closed with its highlight */
  autoCloseHours: z
    .number()
    .min(1)
    .max(24 * 14)
    .default(24),
  /** length of the key points, in characters */
  maxChars: z.number().int().min(80).max(2000).default(300),
  /** the bot says it is working on it when a discussion has at least this many messages */
  progressAfter: z.number().int().min(1).default(80),
})

export type HighlightsConfig = z.infer<typeof highlightsConfig>
