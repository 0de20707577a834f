import { z } from 'zod'

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '写成 HH:mm，比如 08:00')

/** `plugins.todos` in config.yaml: every room's times until its leader sets its own (`/待办 时间`). */
export const todosConfig = z.object({
  /** when the day's dated to-dos are cleared (kept in the archive) */
  cleanupAt: hhmm.default('22:30'),
  /** when today's to-dos are posted, in one message (nothing when there are none) */
  morningAt: hhmm.default('08:00'),
  /** to-dos one room may hold */
  maxPerRoom: z.number().int().min(1).max(200).default(50),
})

export type TodosConfig = z.infer<typeof todosConfig>
