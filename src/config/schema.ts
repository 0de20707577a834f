import { z } from 'zod'

const hhmm = z.string().regex(/^([01]?\d|2[0-3])[:：][0-5]\d$/, '应为 HH:mm 格式的时间，例如 08:00')

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  },
  { message: '不是有效的 IANA 时区名，例如 Asia/Shanghai' },
)

/**
 * Send pacing. The defaults are what a careful human operator would not exceed: WeChat restricts or bans
 * accounts that send like machines (bursts, identical blasts, hundreds a day).
 */
export const outboxSchema = z
  .object({
    minGapMs: z.number().int().min(0).default(2000),
    jitterMs: z.number().int().min(0).default(1500),
    perRoomPerMinute: z.number().int().min(0).default(6),
    dailyCap: z.number().int().min(0).default(300),
    maxMentionsPerMessage: z.number().int().min(1).default(10),
    quietHours: z
      .object({ start: hhmm, end: hhmm })
      .strict()
      .nullable()
      .default({ start: '22:30', end: '08:00' }),
    retry: z
      .object({
        attempts: z.number().int().min(1).default(3),
        backoffMs: z.array(z.number().int().min(0)).min(1).default([2000, 10000, 60000]),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({})

export const guardSchema = z
  .object({
    /** Puppets replay recent history after login; anything older than this is not acted upon. */
    maxMessageAgeSeconds: z.number().int().min(1).default(120),
    /** Clock difference tolerated between the IM server and this machine. */
    loginSkewSeconds: z.number().int().min(0).default(30),
    recentIdsKept: z.number().int().min(100).default(5000),
  })
  .strict()
  .prefault({})

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i

/** Whether the console's address is reachable only from this machine. */
export const isLoopback = (host: string) => LOOPBACK.test(host.trim())

/**
 * The ops console: a local web page over the bot's own state. On 127.0.0.1 by default; any other address
 * must be set here on purpose, and start-up warns about it.
 */
export const consoleSchema = z
  .object({
    enabled: z.boolean().default(true),
    port: z
      .number()
      .int()
      .min(0, '应为 0 到 65535 之间的端口号')
      .max(65535, '应为 0 到 65535 之间的端口号')
      .default(7070),
    host: z.string().trim().min(1).default('127.0.0.1'),
  })
  .strict()
  .prefault({})

export const configSchema = z
  .object({
    botName: z.string().trim().min(1).default('小助手'),
    /** Admins by WeChat id or display name. */
    admins: z.array(z.string().trim().min(1)).default([]),
    timeZone: timeZone.default('Asia/Shanghai'),
    dataDir: z.string().min(1).default('data'),
    outbox: outboxSchema,
    guards: guardSchema,
    login: z
      .object({ timeoutSeconds: z.number().int().min(1).default(180) })
      .strict()
      .prefault({}),
    logs: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** auto: readable lines on a terminal, JSON lines otherwise */
        format: z.enum(['auto', 'pretty', 'json']).default('auto'),
        keepDays: z.number().int().min(1).default(90),
        maxImageMB: z.number().positive().max(1024).default(20),
      })
      .strict()
      .prefault({}),
    llm: z
      .object({
        model: z.string().min(1).default('deepseek-chat'),
        /** the service's address; OPENAI_BASE_URL wins when both are set */
        baseURL: z.url().optional(),
        timeoutSeconds: z.number().int().min(1).default(60),
        maxRetries: z.number().int().min(0).max(10).default(2),
        /** tokens the model takes in one call, prompt and answer: longer discussions are split to fit */
        contextTokens: z.number().int().min(2000).default(32000),
        /** tokens a day, all calls together; past it, summaries are written offline until midnight (0: no limit) */
        dailyTokenBudget: z.number().int().min(0).default(500000),
      })
      .strict()
      .prefault({}),
    console: consoleSchema,
    /** Plugins to load, by name; an empty list loads every bundled plugin. */
    enabledPlugins: z.array(z.string()).default([]),
    /** Per-plugin settings, keyed by plugin name; each plugin validates its own section. */
    plugins: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()

export type BotConfig = z.infer<typeof configSchema>
export type OutboxConfig = z.infer<typeof outboxSchema>
export type ConsoleConfig = z.infer<typeof consoleSchema>
