import { z } from 'zod'

/** `plugins.notices` in config.yaml. */
export const noticesConfig = z.object({
  /** the longest notice accepted, in characters (WeChat's own limit is about this) */
  maxChars: z.number().int().min(100).max(5000).default(2000),
  /** what fits one phone screen: lines of `screenWidth` half-width columns (a Chinese character is two) */
  screenLines: z.number().int().min(5).max(60).default(15),
  screenWidth: z.number().int().min(20).max(80).default(34),
  /** timed notices one room may keep */
  maxTimedPerRoom: z.number().int().min(1).max(100).default(20),
})

export type NoticesConfig = z.infer<typeof noticesConfig>
