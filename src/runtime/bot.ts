import { join } from 'node:path'
import type { Wechaty } from 'wechaty'
import { log as wechatyLog } from 'wechaty'
import type * as PUPPET from 'wechaty-puppet'
import { CommandCooldowns, OnceInAWhile } from '../commands/cooldown.js'
import { CommandRegistry } from '../commands/registry.js'
import { RoleResolver } from '../commands/roles.js'
import { Router } from '../commands/router.js'
import { configError } from '../config/load.js'
import { sectionProblems } from '../config/plugin-sections.js'
import type { BotConfig } from '../config/schema.js'
import { createCorePlugin } from '../core/core-plugin.js'
import { roomHistory } from '../host/history.js'
import { PluginHost } from '../host/plugin-host.js'
import type { MemberRef, PluginDefinition, RoomsApi } from '../host/types.js'
import type { LlmClient } from '../llm/types.js'
import type { Logger } from '../logger.js'
import type { Outbox } from '../outbox/outbox.js'
import type { SendLog } from '../outbox/send-log.js'
import type { Ledger } from '../points/ledger.js'
import type { Scheduler } from '../scheduler/index.js'
import type { HandledLog } from '../store/handled-log.js'
import type { Recorder } from '../store/recorder.js'
import type { StateStore } from '../store/state-store.js'
import { toSimplified } from '../text/normalize.js'
import type { Clock } from '../time/clock.js'
import type { MessageGuards } from './guards.js'
import { OutboxMessenger } from './messenger.js'
import { MessagePipeline } from './pipeline.js'
import { type CoreServices, createServices, registerCoreJobs } from './services.js'
import { WorkTracker } from './tracker.js'
import type { WechatyDirectory } from './wechaty-directory.js'
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
  /** the model; when absent, one is made from `llmEnv` (OPENAI_API_KEY…) if that names one */
  llm?: LlmClient
  /** where the model's key and address come from: `process.env` when the bot runs for real */
  llmEnv?: Record<string, string | undefined>
}

/** The whole bot: one Wechaty, the services around it, and the plugins on top. */
export class GroupBot {
  readonly tracker = new WorkTracker()
  readonly wechaty: Wechaty
  readonly store: StateStore
  readonly recorder: Recorder
  readonly scheduler: Scheduler
  readonly outbox: Outbox
  readonly sendLog: SendLog
  readonly guards: MessageGuards
  readonly directory: WechatyDirectory
  private readonly handled: HandledLog
  /** the points ledger; plugins reach it as `ctx.points` */
  readonly points: Ledger
  private loggedInOnce = false
  /** set while shutting down on purpose, when a logout is expected rather than news */
  stopping = false
  private releaseTimer?: NodeJS.Timeout

  private constructor(
    readonly options: BotOptions,
    services: CoreServices,
    readonly host: PluginHost,
  ) {
    this.wechaty = services.wechaty
    this.store = services.store
    this.recorder = services.recorder
    this.scheduler = services.scheduler
    this.outbox = services.outbox
    this.sendLog = services.sendLog
    this.guards = services.guards
    this.directory = services.directory
    this.handled = services.handled
    this.points = services.points
  }

  /** Opens state (a corrupt file throws here, before anything runs) and loads every plugin. */
  static async create(options: BotOptions): Promise<GroupBot> {
    const { config, logger } = options
    // Wechaty's own console logger prints retries and internal warnings as raw lines; what matters reaches
    // the bot as events and is logged there. WECHATY_LOG=info brings them back for debugging.
    if (!process.env.WECHATY_LOG) wechatyLog.level('silent')
    // A bad value in any plugin's section stops start-up here, before any state is opened or plugin runs.
    const problems = sectionProblems(options.plugins, config.plugins)
    if (problems.length > 0) throw configError(problems)
    // Builds the traditional → simplified tables now (~0.1 s) rather than on the first member's message.
    toSimplified('預熱')
    const services = await createServices(options)
    registerCoreJobs(services, config, logger)
    const registry = new CommandRegistry()
    const roles = new RoleResolver(
      config.admins,
      services.directory,
      services.core.table<MemberRef[]>('leaders'),
    )
    // A reply leaves after the room logs' end-of-turn write: what it answers is on disk first.
    const messenger = new OutboxMessenger(
      services.outbox,
      logger,
      config.outbox.maxMentionsPerMessage,
      config.outbox.dailyCap,
      () => services.recorder.written(),
    )
    const host = createHost(options, services, registry, roles, messenger)
    const bot = new GroupBot(options, services, host)
    const router = createRouter(config, services, registry, roles, messenger, host, logger, options.clock)
    wireWechatyEvents(
      bot,
      new MessagePipeline({
        ...services,
        router,
        tracker: bot.tracker,
        clock: options.clock,
        logger,
        botName: config.botName,
      }),
    )
    await host.load(createCorePlugin({ host, registry, roles }), undefined)
    for (const plugin of options.plugins) {
      plugin.templates ??= join(options.projectRoot, 'plugins', plugin.name, 'templates')
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
    await this.points.flush()
  }

  async stop(): Promise<void> {
    this.stopping = true
    clearInterval(this.releaseTimer)
    await this.settle()
    await this.scheduler.stop()
    await this.outbox.stop()
    await this.recorder.close()
    await this.store.close()
    await this.wechaty.stop().catch(() => undefined)
  }
}

function createHost(
  options: BotOptions,
  s: CoreServices,
  registry: CommandRegistry,
  roles: RoleResolver,
  messenger: OutboxMessenger,
): PluginHost {
  const { config, clock, logger } = options
  return new PluginHost(
    {
      botName: config.botName,
      clock,
      logger,
      stateStore: s.store,
      scheduler: s.scheduler,
      registry,
      renderer: s.renderer,
      messenger,
      rooms: roomsApi(s.directory, roles, config.admins),
      points: s.points,
      // The shipped packs are found whatever --data says; an operator's own data folder may add more.
      packDirs: [
        join(options.projectRoot, 'data', 'packs'),
        ...(options.dataDir ? [join(options.dataDir, 'packs')] : []),
      ],
      dataDir: options.dataDir,
      history: roomHistory(s.recorder, clock),
      llm: s.llm,
    },
    registry,
    s.core.table<string[]>('disabled'),
    logger,
  )
}

function createRouter(
  config: BotConfig,
  s: CoreServices,
  registry: CommandRegistry,
  roles: RoleResolver,
  messenger: OutboxMessenger,
  host: PluginHost,
  logger: Logger,
  clock: Clock,
): Router {
  return new Router({
    registry,
    roles,
    botName: config.botName,
    logger,
    render: (t, v) => s.renderer.render(t, v),
    reply: (msg, content) =>
      msg.room ? messenger.toRoom(msg.room.key, content) : messenger.toMember(msg.sender.key, content),
    isEnabled: (plugin, roomKey) => host.isEnabled(plugin, roomKey),
    displayName: (plugin) => host.plugins.get(plugin)?.definition.displayName ?? plugin,
    markHandled: (msg) => s.guards.markHandled(msg.id),
    cooldowns: new CommandCooldowns(clock),
    // Five minutes, as the self-introduction: often enough to help, rarely enough not to chatter.
    pluginOffHints: new OnceInAWhile(clock, 5 * 60_000),
  })
}

function roomsApi(directory: WechatyDirectory, roles: RoleResolver, admins: readonly string[]): RoomsApi {
  return {
    async admins() {
      const found = new Map<string, MemberRef>()
      const byName = new Set<string>()
      for (const admin of admins) {
        const contact = await directory.contact(admin)
        if (contact) found.set(contact.id, { key: contact.id, name: contact.name() })
        else byName.add(admin)
      }
      if (byName.size === 0) return [...found.values()]
      for (const room of await directory.list()) {
        for (const member of await directory.members(room.key)) {
          if (byName.has(member.name)) found.set(member.key, member)
        }
      }
      return [...found.values()]
    },
    members: (roomKey) => directory.members(roomKey),
    leaders: (roomKey) => roles.leaders(roomKey),
    topic: (roomKey) => directory.topic(roomKey),
    has: async (roomKey, memberKey) => (await directory.memberIn(roomKey, memberKey)) !== undefined,
    list: () => directory.list(),
    async roleOf(roomKey, memberKey) {
      const contact = await directory.contact(memberKey)
      return roles.roleOf(roomKey, { key: memberKey, name: contact?.name() ?? '' })
    },
  }
}
