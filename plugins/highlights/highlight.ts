import { z } from 'zod'

/** One chat message as the summarisers see it: who said what. Images and stickers arrive as empty text. */
export interface Turn {
  /** display name in the room at the time */
  speaker: string
  /** stable member key, when known (in the bot; an exported transcript may have none) */
  speakerKey?: string
  text: string
  /** ISO instant, when known */
  time?: string
}

/** A quote: words one member really wrote, with their name. */
export const quoteSchema = z.object({
  speaker: z.string().min(1).max(40),
  text: z.string().min(1).max(300),
})

/** What any summariser produces, the model's JSON answer included; checked with this schema. */
export const summarySchema = z.object({
  title: z.string().min(1).max(60),
  points: z.array(z.string().min(1).max(200)).max(12),
  quotes: z.array(quoteSchema).max(8),
  questions: z.array(z.string().min(1).max(200)).max(8),
  contributors: z.array(z.string().min(1).max(40)).max(100),
})

export type Quote = z.infer<typeof quoteSchema>
export type Summary = z.infer<typeof summarySchema>

/** A contributor as the highlight shows them: counted from the chat itself, never from a model. */
export interface Contributor {
  name: string
  key?: string
  messages: number
  /** their last message's place in the room log: contributor points pay only for words not paid for before */
  lastPosition?: string
}
