import { join } from 'node:path'
import { type Wechaty, WechatyBuilder } from 'wechaty'
import type { BotConfig } from '../config/schema.js'
import { OpenAiClient } from '../llm/openai-client.js'
import { DailyTokenBudget } from '../llm/token-budget.js'
import type { LlmClient } from '../llm/types.js'
import type { Logger } from '../logger.js'
import { Outbox } from '../outbox/outbox.js'
import { SendLog } from '../outbox/send-log.js'
import type { OutgoingMessage, PacingOptions } from '../outbox/types.js'
import { Ledger } from '../points/ledger.js'
import type { TimerRecord } from '../scheduler/index.js'
import { Scheduler } from '../scheduler/index.js'
import { HandledLog } from '../store/handled-log.js'
import { ImageStore } from '../store/image-store.js'
import { botLogEntry } from '../store/log-entry.js'
import { Recorder } from '../store/recorder.js'
import { type StateFile, StateStore } from '../store/state-store.js'
import type { Table } from '../store/table.js'
import { onStateWriteError } from '../store/write-queue.js'
import { sharedTemplates, type TemplateRenderer } from '../templates/renderer.js'
import type { Clock } from '../time/clock.js'
import { localDate, shiftDay } from '../time/zoned.js'
import type { BotOptions } from './bot.js'
import { MessageGuards } from './guards.js'
import { jobPersistence, outboxDailyCount, outboxPersistence } from './persistence.js'
import { WechatyDirectory } from './wechaty-directory.js'
import { WechatyTransport } from './wechaty-transport.js'

/** What the runtime is made of, below the plugin host. */
export interface CoreServices {
  wechaty: Wechaty
  store: StateStore
  /** the core's own state file: leaders, plugin switches, jobs, points */
  core: StateFile
  directory: WechatyDirectory
  renderer: TemplateRenderer
  recorder: Recorder
  scheduler: Scheduler
  outbox: Outbox
  /** the outbox's latest events and today's sends, for the ops console */
  sendLog: SendLog
  handled: HandledLog
  guards: MessageGuards
  /** the append-only points ledger, one file per room under `<data>/points/` */
  points: Ledger
  /** inbound images under `<data>/images/`; null when the bot keeps nothing on disk */
  images: ImageStore | null
  /** the language model, when one is configured */
  llm: LlmClient | undefined
}

const NO_PACING = { minGapMs: 0, jitterMs: 0, perRoomPerMinute: 0, dailyCap: 0 }

/**
 * The model named in config, at the address and with the key the environment gives (`OPENAI_API_KEY`,
 * `OPENAI_BASE_URL`); none without a key.
 */
export function modelFromEnvironment(
  config: BotConfig,
  env: Record<string, string | undefined> | undefined,
  clock: Clock,
  usage: Table<number>,
  logger: Logger,
  render: (template: string, vars: Record<string, unknown>) => string,
): LlmClient | undefined {
  const apiKey = env?.OPENAI_API_KEY?.trim()
  if (!apiKey) return undefined
  return new OpenAiClient({
    apiKey,
    baseURL: env?.OPENAI_BASE_URL?.trim() || config.llm.baseURL,
    model: config.llm.model,
    timeoutMs: config.llm.timeoutSeconds * 1000,
    maxRetries: config.llm.maxRetries,
    contextTokens: config.llm.contextTokens,
    budget: new DailyTokenBudget(config.llm.dailyTokenBudget, clock, usage),
    logger: logger.child({ llm: config.llm.model }),
    repairPrompt: (problem) => render('llm/json-repair.njk', { problem }),
  })
}

/** Whether the logged-in account can set room notices, as found out once and kept in the core's state. */
function noticeSupport(account: Table<boolean>, logger: Logger) {
  return {
    unsupported: (id: string) => account.get(`noticeUnsupported:${id}`) === true,
    markUnsupported: (id: string) => {
      logger.info('this account cannot set room notices; they are posted as 【群公告】 messages from now on')
      void account.set(`noticeUnsupported:${id}`, true)
    },
  }
}

/** The bot's own words in a room go into its log (marked), so a summary reads the whole conversation. */
function logBotMessage(recorder: Recorder, botName: string, message: OutgoingMessage, clock: Clock): void {
  const { target, body } = message
  if (target.kind !== 'room') return
  recorder.append(
    botLogEntry({
      id: `bot:${message.id}`,
      roomKey: target.roomKey,
      botName,
      text: body.type === 'image' ? '' : body.text,
      image: body.type === 'image' ? body.path : undefined,
      time: clock.nowMs(),
    }),
  )
}

/** Opens state (a corrupt file throws here, before anything runs) and builds the services around Wechaty. */
export async function createServices(options: BotOptions): Promise<CoreServices> {
  const { config, clock, logger, dataDir } = options
  onStateWriteError((error) => logger.error({ err: error }, '状态文件写入失败，数据仍在内存中，稍后重试'))
  const store = new StateStore(dataDir ? join(dataDir, 'state') : null)
  const core = await store.open('core')
  const wechaty = WechatyBuilder.build({ puppet: options.puppet as never })
  const directory = new WechatyDirectory(wechaty)
  const renderer = sharedTemplates(options.projectRoot, dataDir)
  const recorder = new Recorder({
    dir: dataDir ? join(dataDir, 'logs') : null,
    timeZone: clock.timeZone,
    onError: (error) => logger.error({ err: error }, 'room log write failed'),
  })
  const scheduler = new Scheduler({
    clock,
    persistence: jobPersistence(core),
    timerRecords: core.table<TimerRecord>('timers'),
    driver: options.scheduleDriver,
    onError: (error, run) => logger.error({ err: error, job: run.id }, 'scheduled job failed'),
  })
  const outboxFile = await store.open('outbox')
  const sendLog = new SendLog(clock.timeZone)
  const outbox = new Outbox({
    transport: new WechatyTransport(
      wechaty,
      directory,
      (text) => renderer.render('core/notice-fallback.njk', { text }),
      noticeSupport(core.table<boolean>('account'), logger),
    ),
    // Its own file: it changes with every send, and a small file is cheap to rewrite.
    persistence: outboxPersistence(outboxFile),
    dailyCount: outboxDailyCount(outboxFile),
    pacing: pacingFrom(config, options.pacing),
    clock,
    quietHoursFor: () => config.outbox.quietHours ?? undefined,
    onEvent: (e) => {
      sendLog.record(e, clock.nowMs())
      if (e.type === 'sent') return logBotMessage(recorder, config.botName, e.message, clock)
      // A post held for quiet hours is the outbox doing its job; a retry, a failure or a drop needs a look.
      const level = e.type === 'deferred' ? 'info' : 'warn'
      logger[level]({ event: e.type, target: e.message.target, err: e.error }, 'outbox')
    },
  })
  const handled = await HandledLog.open(
    dataDir ? join(dataDir, 'state', 'handled-messages.log') : null,
    config.guards.recentIdsKept,
    (error) => logger.error({ err: error }, 'handled-message log write failed'),
  )
  const guards = new MessageGuards(config.guards, handled)
  const images = dataDir
    ? new ImageStore(join(dataDir, 'images'), Math.floor(config.logs.maxImageMB * 1024 * 1024))
    : null
  const llm =
    options.llm ??
    modelFromEnvironment(
      config,
      options.llmEnv,
      clock,
      core.table<number>('llmTokens'),
      logger,
      (name, vars) => renderer.render(name, vars),
    )
  const points = await Ledger.open(dataDir ? join(dataDir, 'points') : null, clock)
  return {
    wechaty,
    store,
    core,
    directory,
    renderer,
    recorder,
    scheduler,
    outbox,
    sendLog,
    handled,
    guards,
    points,
    images,
    llm,
  }
}

/** The core's own jobs, registered before any plugin's so they run first at a shared moment. */
export function registerCoreJobs(s: CoreServices, config: BotConfig, logger: Logger): void {
  const quiet = config.outbox.quietHours
  if (quiet) {
    // Posts held for quiet hours go out when they end: a job, so the sandbox clock releases them in order
    // with everything else due at that moment (before the morning's posts).
    s.scheduler.daily('core.quiet-hours-end', quiet.end, () => s.outbox.release())
  }
  // Room logs are the raw material of summaries and figures, kept for logs.keepDays and no longer; the
  // images members sent go with them.
  s.scheduler.daily('core.prune-logs', '04:10', async (run) => {
    const removed = await s.recorder.prune(config.logs.keepDays, run.scheduledFor)
    if (removed > 0) logger.info({ removed }, 'old room logs removed')
    const oldestKept = shiftDay(localDate(run.scheduledFor, config.timeZone), -config.logs.keepDays)
    const images = (await s.images?.prune(oldestKept)) ?? 0
    if (images > 0) logger.info({ days: images }, 'old received images removed')
  })
}

function pacingFrom(config: BotConfig, mode: 'config' | 'off'): PacingOptions {
  const o = config.outbox
  const base = { maxMentionsPerMessage: o.maxMentionsPerMessage, retry: o.retry }
  if (mode === 'off') return { ...base, ...NO_PACING, retry: { attempts: o.retry.attempts, backoffMs: [0] } }
  return {
    ...base,
    minGapMs: o.minGapMs,
    jitterMs: o.jitterMs,
    perRoomPerMinute: o.perRoomPerMinute,
    dailyCap: o.dailyCap,
  }
}
