import { z } from 'zod'
import { DEFAULT_INTRO_FIELDS } from './intro-fields.js'
import { MAX_FIELD_CHARS, MAX_FIELDS } from './template-fields.js'

const label = z.string().trim().min(1).max(MAX_FIELD_CHARS)

/** `plugins.icebreaker` in config.yaml; every key is optional. */
export const icebreakerConfig = z.object({
  /** what a member who finished the intro may claim from the leader */
  gift: z.string().trim().min(1).max(20).default('小礼物'),
  /** template fields for rooms that set none with `/破冰 模板` */
  defaultFields: z
    .array(label)
    .min(1)
    .max(MAX_FIELDS)
    .default([...DEFAULT_INTRO_FIELDS]),
  /** extra ways members write a label, merged into the built-in ones: { 昵称: [外号] } */
  synonyms: z.record(z.string(), z.array(label)).default({}),
  /** greet newcomers when they join */
  welcome: z.boolean().default(true),
})

export type IcebreakerConfig = z.infer<typeof icebreakerConfig>
