import { join } from 'node:path'
import { type Wechaty, WechatyBuilder } from 'wechaty'
import type * as PUPPET from 'wechaty-puppet'
import { CommandRegistry } from '../commands/registry.js'
import { RoleResolver } from '../commands/roles.js'
import { Router } from '../commands/router.js'
import type { BotConfig } from '../config/schema.js'
import { createCorePlugin } from '../core/core-plugin.js'
import { PluginHost } from '../host/plugin-host.js'
import { PointsBook } from '../host/points.js'
import type { MemberRef, PluginDefinition, RoomsApi } from '../host/types.js'
import type { LlmClient } from '../llm/types.js'
import type { Logger } from '../logger.js'
import { Outbox } from '../outbox/outbox.js'
import type { PacingOptions } from '../outbox/types.js'
import { Scheduler } from '../scheduler/index.js'
import { HandledLog } from '../store/handled-log.js'
import { Recorder } from '../store/recorder.js'
import { StateStore } from '../store/state-store.js'
import { onStateWriteError } from '../store/write-queue.js'
import { TemplateRenderer } from '../templates/renderer.js'
import { toSimplified } from '../text/normalize.js'
import type { Clock } from '../time/clock.js'
import { MessageGuards } from './guards.js'
import { OutboxMessenger } from './messenger.js'
import { jobPersistence, outboxPersistence } from './persistence.js'
import { MessagePipeline } from './pipeline.js'
import { WorkTracker } from './tracker.js'
import { WechatyDirectory } from './wechaty-directory.js'
import { WechatyTransport } from './wechaty-transport.js'
import { wireWechatyEvents } from './wiring.js'

export interface BotOptions {
  config: BotConfig
  /** a puppet instance, or a puppet package name (WECHATY_PUPPET) */
  puppet: PUPPET.impls.PuppetInterface | string
  /** state, logs and templates overrides; null keeps everything in memory (benchmarks) */
  dataDir: string | null
  /** where prompts/ and plugins/ live */
  projectRoot: string
  clock: Clock
  /** 'manual' in the sandbox and tests: jobs fire when the clock is moved */
  scheduleDriver: 'cron' | 'manual'
  /** 'off' in the sandbox and tests: the same outbox with every delay at zero */
  pacing: 'config' | 'off'
  plugins: PluginDefinition[]
  logger: Logger
  llm?: LlmClient
}

const NO_PACING = { minGapMs: 0, jitterMs: 0, perRoomPerMinute: 0, dailyCap: 0 }

/** The whole bot: one Wechaty, the services around it, and the plugins on top. */
export class GroupBot {
  readonly tracker = new WorkTracker()
  private loggedInOnce = false
  /** set while shutting down on purpose, when a logout is expected rather than news */
  stopping = false
  private releaseTimer?: NodeJS.Timeout

  private constructor(
    readonly wechaty: Wechaty,
    readonly options: BotOptions,
    readonly store: StateStore,
    readonly recorder: Recorder,
    readonly scheduler: Scheduler,
    readonly outbox: Outbox,
    readonly guards: MessageGuards,
    private readonly handled: HandledLog,
    readonly host: PluginHost,
    readonly directory: WechatyDirectory,
  ) {}

  /** Opens state (a corrupt file throws here, before anything runs) and loads every plugin. */
  static async create(options: BotOptions): Promise<GroupBot> {
    const { config, clock, logger, dataDir } = options
    // Builds the traditional → simplified tables now (~0.1 s) rather than on the first member's message.
    toSimplified('預熱')
    onStateWriteError((error) => logger.error({ err: error }, '状态文件写入失败，数据仍在内存中，稍后重试'))
    const store = new StateStore(dataDir ? join(dataDir, 'state') : null)
    const core = await store.open('core')
    const wechaty = WechatyBuilder.build({ puppet: options.puppet as never })
    const directory = new WechatyDirectory(wechaty)
    const renderer = new TemplateRenderer([
      ...(dataDir ? [{ dir: join(dataDir, 'templates') }] : []),
      { dir: join(options.projectRoot, 'prompts') },
    ])
    const recorder = new Recorder({
      dir: dataDir ? join(dataDir, 'logs') : null,
      timeZone: clock.timeZone,
      onError: (error) => logger.error({ err: error }, 'room log write failed'),
    })
    const scheduler = new Scheduler({
      clock,
      persistence: jobPersistence(core),
      driver: options.scheduleDriver,
      onError: (error, run) => logger.error({ err: error, job: run.id }, 'scheduled job failed'),
    })
    const outbox = new Outbox({
      transport: new WechatyTransport(directory, (text) =>
        renderer.render('core/notice-fallback.njk', { text }),
      ),
      // Its own file: it changes with every send, and a small file is cheap to rewrite.
      persistence: outboxPersistence(await store.open('outbox')),
      pacing: pacingFrom(config, options.pacing),
      clock,
      quietHoursFor: () => config.outbox.quietHours ?? undefined,
      onEvent: (e) => {
        if (e.type !== 'sent')
          logger.warn({ event: e.type, target: e.message.target, err: e.error }, 'outbox')
      },
    })
    const quiet = config.outbox.quietHours
    if (quiet) {
      // Posts held for quiet hours go out when they end: a job, so the sandbox clock releases them in order
      // with everything else due at that moment (registered first, so they precede the morning's posts).
      scheduler.daily('core.quiet-hours-end', quiet.end, () => outbox.release())
    }
    // Room logs are the raw material of summaries and figures, kept for logs.keepDays and no longer.
    scheduler.daily('core.prune-logs', '04:10', async () => {
      const removed = await recorder.prune(config.logs.keepDays, clock.now())
      if (removed > 0) logger.info({ removed }, 'old room logs removed')
    })
    const handled = await HandledLog.open(
      dataDir ? join(dataDir, 'state', 'handled-messages.log') : null,
      config.guards.recentIdsKept,
    )
    const guards = new MessageGuards(config.guards, handled)
    const registry = new CommandRegistry()
    const roles = new RoleResolver(config.admins, directory, core.table<MemberRef[]>('leaders'))
    const messenger = new OutboxMessenger(outbox, logger, config.outbox.maxMentionsPerMessage)
    const rooms = roomsApi(directory, roles)
    const host = new PluginHost(
      {
        botName: config.botName,
        clock,
        logger,
        stateStore: store,
        scheduler,
        registry,
        renderer,
        messenger,
        rooms,
        points: new PointsBook(core.table('points'), clock),
        llm: options.llm,
      },
      registry,
      core.table<string[]>('disabled'),
      logger,
    )
    const bot = new GroupBot(
      wechaty,
      options,
      store,
      recorder,
      scheduler,
      outbox,
      guards,
      handled,
      host,
      directory,
    )
    const router = new Router({
      registry,
      roles,
      botName: config.botName,
      logger,
      render: (t, v) => renderer.render(t, v),
      reply: (msg, content) =>
        msg.room ? messenger.toRoom(msg.room.key, content) : messenger.toMember(msg.sender.key, content),
      isEnabled: (plugin, roomKey) => host.isEnabled(plugin, roomKey),
      markHandled: (msg) => guards.markHandled(msg.id),
    })
    const pipeline = new MessagePipeline({
      guards,
      directory,
      recorder,
      router,
      tracker: bot.tracker,
      clock,
      logger,
      botName: config.botName,
    })
    wireWechatyEvents(bot, pipeline)
    await host.load(createCorePlugin({ host, registry, roles }), undefined)
    for (const plugin of options.plugins) {
      if (plugin.templates === undefined)
        plugin.templates = join(options.projectRoot, 'plugins', plugin.name, 'templates')
      await host.load(plugin, config.plugins[plugin.name])
    }
    return bot
  }

  async start(): Promise<void> {
    await this.wechaty.start()
  }

  /** Login may fire again after a reconnect: only the first one starts the scheduler and the outbox. */
  async onLogin(): Promise<void> {
    this.guards.markLogin(this.options.clock.now())
    if (this.loggedInOnce) return
    this.loggedInOnce = true
    await this.outbox.start()
    await this.scheduler.start()
    if (this.options.scheduleDriver === 'cron') {
      // Deferred sends (quiet hours, daily cap) go out once their time comes; in the sandbox the clock's
      // moves release them instead.
      this.releaseTimer = setInterval(() => void this.outbox.release(), 30_000)
      this.releaseTimer.unref()
    }
  }

  /**
   * The sandbox's first `:clock` sets where time starts: nothing before it counts as missed, and messages
   * dated from then on are not history.
   */
  async rebaseTime(at: Date): Promise<void> {
    this.guards.markLogin(at)
    await this.scheduler.rebase(at)
  }

  /** Resolves when every message, event, job and send in flight has finished. */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await this.tracker.idle()
      await this.scheduler.idle()
      await this.outbox.idle()
    }
    await this.store.flush()
    await this.handled.flush()
  }

  async stop(): Promise<void> {
    this.stopping = true
    clearInterval(this.releaseTimer)
    await this.settle()
    await this.scheduler.stop()
    await this.outbox.stop()
    await this.recorder.close()
    await this.store.flush()
    await this.wechaty.stop().catch(() => undefined)
  }
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

function roomsApi(directory: WechatyDirectory, roles: RoleResolver): RoomsApi {
  return {
    members: (roomKey) => directory.members(roomKey),
    leaders: (roomKey) => roles.leaders(roomKey),
    topic: (roomKey) => directory.topic(roomKey),
    list: () => directory.list(),
    async roleOf(roomKey, memberKey) {
      const contact = await directory.contact(memberKey)
      return roles.roleOf(roomKey, { key: memberKey, name: contact?.name() ?? '' })
    },
  }
}
