import { join } from 'node:path'
import { types } from 'wechaty'
import type { BotConfig } from '../config/schema.js'
import type { PluginDefinition } from '../host/types.js'
import type { LlmClient } from '../llm/types.js'
import type { Logger } from '../logger.js'
import { GroupBot } from '../runtime/bot.js'
import { sharedTemplates, type TemplateRenderer } from '../templates/renderer.js'
import { ManualClock } from '../time/clock.js'
import { parseLocalDateTime } from '../time/zoned.js'
import { directWhere, formatOutput } from './printer.js'
import { parseSandboxLine, type Reason, type SandboxLine } from './protocol.js'
import { SandboxWorld } from './world.js'

export interface SandboxOptions {
  config: BotConfig
  dataDir: string
  projectRoot: string
  plugins: PluginDefinition[]
  logger: Logger
  llm?: LlmClient
  /** where the model's key and address come from (`OPENAI_API_KEY`…); none: no model unless `llm` is given */
  llmEnv?: Record<string, string | undefined>
  /** the clock's starting point; default: the real time */
  startAt?: Date
}

export interface LineResult {
  output: string[]
  /** set when the line was rejected; the reason is for standard error */
  error?: string
  /** the sandbox's own words (`:help`): shown to a person at the prompt, kept off a script's output */
  info?: string
}

const DEFAULT_ROOM = '训练营1组'
/** A line whose event never reaches the bot is reported instead of hanging the run. */
const LINE_TIMEOUT_MS = 15_000

/**
 * The simulated WeChat of the README: the real bot on Wechaty's mock puppet, one input line at a time, each
 * handled to completion (handlers, sends, store writes) before the next.
 */
export class Sandbox {
  private output: string[] = []
  private current!: ReturnType<SandboxWorld['room']>
  private clockSet = false

  private constructor(
    readonly bot: GroupBot,
    readonly world: SandboxWorld,
    readonly clock: ManualClock,
    private readonly botName: string,
    /** the sandbox's own words (prompts/sandbox/), overridable under <data>/templates/ like the bot's */
    readonly words: TemplateRenderer,
  ) {}

  static async start(options: SandboxOptions): Promise<Sandbox> {
    const clock = new ManualClock(options.config.timeZone, options.startAt)
    let sandbox: Sandbox | undefined
    const world = new SandboxWorld(
      (payload) => sandbox?.print(payload),
      join(options.dataDir, 'sandbox', 'world.json'),
    )
    const bot = await GroupBot.create({
      config: options.config,
      puppet: world.puppet,
      dataDir: options.dataDir,
      projectRoot: options.projectRoot,
      clock,
      scheduleDriver: 'manual',
      pacing: 'off',
      plugins: options.plugins,
      logger: options.logger,
      llm: options.llm,
      llmEnv: options.llmEnv,
    })
    const words = sharedTemplates(options.projectRoot, options.dataDir)
    sandbox = new Sandbox(bot, world, clock, options.config.botName, words)
    world.puppet.onNotice = (roomId, text) =>
      sandbox?.emit(formatOutput(world.topicOf(roomId), sandbox.botName, text, true))
    await bot.start()
    world.login(options.config.botName)
    // Rooms exist before the bot starts its jobs: a catch-up run at start-up must find them.
    world.restore()
    sandbox.current = world.room(DEFAULT_ROOM)
    await bot.onLogin()
    await bot.settle()
    sandbox.startupOutput = sandbox.output
    sandbox.output = []
    return sandbox
  }

  /** What the sandbox itself has to say about a line (`:help`), apart from the chat */
  private info: string | undefined

  /** What the bot said while starting (catch-up of jobs missed while it was down, pending sends). */
  startupOutput: string[] = []

  /** Handles one input line to completion and returns what the bot said meanwhile. */
  async exec(raw: string): Promise<LineResult> {
    this.output = []
    const line = parseSandboxLine(raw)
    let error: string | undefined
    try {
      const reason = await this.apply(line)
      if (reason) error = this.words.render(`sandbox/${reason.template}.njk`, reason.vars)
      await this.bot.settle()
      if (!['skip', 'help', 'clock', 'advance'].includes(line.kind)) this.world.save()
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
    }
    const output = this.output
    const info = this.info
    this.output = []
    this.info = undefined
    return { output, ...(error ? { error } : {}), ...(info ? { info } : {}) }
  }

  /**
   * Emits a hand-built puppet message (history, redelivery, own message…) and returns what the bot said
   * once it has been handled, dropped or not. For tests of the guards.
   */
  async inject(messageId: string, emit: () => void): Promise<string[]> {
    this.output = []
    await this.expect(`msg:${messageId}`, emit)
    await this.bot.settle()
    const output = this.output
    this.output = []
    return output
  }

  get currentTopic(): string {
    return this.world.topicOf(this.current.id)
  }

  /** The room the next `NAME: TEXT` line speaks in. */
  get currentRoomId(): string {
    return this.current.id
  }

  async stop(): Promise<void> {
    await this.bot.stop()
  }

  private async apply(line: SandboxLine): Promise<Reason | undefined> {
    switch (line.kind) {
      case 'skip':
        return undefined
      case 'help':
        this.info = this.words.render('sandbox/help.njk', { botName: this.botName })
        return undefined
      case 'invalid':
        return line.reason
      case 'say':
        return this.say(line.name, line.text)
      case 'dm':
        return this.dm(line.name, line.text)
      case 'room':
        this.current = this.world.room(line.topic)
        return undefined
      case 'join':
        return this.join(line.names)
      case 'leave':
        return this.leave(line.names)
      case 'owner':
        return this.owner(line.name)
      case 'image':
        return this.image(line.name, line.file)
      case 'clock':
        return this.setClock(line.at)
      case 'advance':
        return this.advanceTo(new Date(this.clock.now().getTime() + line.ms))
    }
  }

  private async say(name: string, text: string): Promise<undefined> {
    const from = this.world.contact(name)
    this.world.ensureMember(this.current, from)
    const { text: withMentions, ids } = this.mentions(text)
    const id = this.world.nextId()
    await this.expect(`msg:${id}`, () =>
      this.world.say(id, from, { room: this.current }, withMentions, ids, this.clock.now()),
    )
    return undefined
  }

  private async dm(name: string, text: string): Promise<undefined> {
    const from = this.world.contact(name)
    const id = this.world.nextId()
    await this.expect(`msg:${id}`, () => this.world.say(id, from, {}, text, [], this.clock.now()))
    return undefined
  }

  /** `@NAME ` of a room member (or the bot) is a real mention; WeChat puts U+2005 after it. */
  private mentions(text: string): { text: string; ids: string[] } {
    const memberIds = new Set(this.world.memberIds(this.current))
    const names = [this.botName, ...this.knownNames()].sort((a, b) => b.length - a.length)
    const ids: string[] = []
    const out = text.replace(/@([^@\s]+(?:\s[^@\s]+)*?)(?= |$)/gu, (whole, candidate: string) => {
      const name = names.find((n) => n === candidate)
      if (!name) return whole
      const id = name === this.botName ? this.world.botId : this.world.knownContact(name)?.id
      if (!id || !memberIds.has(id)) return whole
      if (!ids.includes(id)) ids.push(id)
      return `@${name}\u2005`
    })
    return { text: out.replace(/\u2005 /g, '\u2005'), ids }
  }

  private knownNames(): string[] {
    const names: string[] = []
    for (const id of this.world.memberIds(this.current)) {
      const payload = this.world.mocker.contactPayload(id) as { name: string } | undefined
      if (payload) names.push(payload.name)
    }
    return names
  }

  private async join(names: string[]): Promise<Reason | undefined> {
    const ids = new Set(this.world.memberIds(this.current))
    const newcomers = names.map((n) => this.world.contact(n)).filter((c) => !ids.has(c.id))
    if (newcomers.length === 0) return { template: 'already-in-room', vars: { names } }
    const inviter = this.world.mocker.ContactMock.load(this.world.botId)
    const roomId = this.current.id
    await this.expect(`join:${roomId}`, () => this.current.add(...newcomers).by(inviter))
    return undefined
  }

  private async leave(names: string[]): Promise<Reason | undefined> {
    const ids = new Set(this.world.memberIds(this.current))
    const leavers = names.map((n) => this.world.knownContact(n)).filter((c) => c && ids.has(c.id))
    if (leavers.length !== names.length) return { template: 'not-all-in-room', vars: { names } }
    const remover = this.world.mocker.ContactMock.load(this.world.botId)
    await this.expect(`leave:${this.current.id}`, () =>
      this.current.remove(...(leavers as never[])).by(remover),
    )
    return undefined
  }

  private async owner(name: string): Promise<undefined> {
    const contact = this.world.contact(name)
    this.world.ensureMember(this.current, contact)
    this.world.setOwner(this.current, contact)
    // Wechaty caches room payloads; make it read the new owner.
    await this.world.puppet.roomPayloadDirty(this.current.id)
    const room = await this.bot.wechaty.Room.find({ id: this.current.id })
    await room?.sync()
    return undefined
  }

  private async image(name: string, file: string): Promise<Reason | undefined> {
    const from = this.world.contact(name)
    this.world.ensureMember(this.current, from)
    let box: Awaited<ReturnType<SandboxWorld['imageBox']>>
    try {
      box = await this.world.imageBox(file)
    } catch (e) {
      return { template: 'image-unreadable', vars: { file, error: (e as Error).message } }
    }
    const id = this.world.nextId()
    await this.expect(`msg:${id}`, () => this.world.sendImage(id, from, this.current, box, this.clock.now()))
    return undefined
  }

  private async setClock(text: string): Promise<Reason | undefined> {
    const at = parseLocalDateTime(text, this.clock.timeZone)
    if (!at) return { template: 'bad-time', vars: { text } }
    if (!this.clockSet) {
      // The first :clock sets the starting point, backwards included: scripts keep fixed dates.
      this.clockSet = true
      this.clock.reset(at)
      await this.bot.rebaseTime(at)
      return undefined
    }
    return this.advanceTo(at)
  }

  private async advanceTo(at: Date): Promise<Reason | undefined> {
    if (at.getTime() < this.clock.now().getTime()) return { template: 'clock-backwards' }
    this.clockSet = true
    await this.bot.scheduler.advanceTo(at)
    await this.bot.outbox.release()
    return undefined
  }

  private async expect(key: string, emit: () => void): Promise<void> {
    const done = this.bot.tracker.expect(key)
    emit()
    await withTimeout(done, () =>
      this.words.render('sandbox/line-timeout.njk', { seconds: LINE_TIMEOUT_MS / 1000, key }),
    )
  }

  private emit(lines: string[]): void {
    this.output.push(...lines)
  }

  private print(payload: {
    id: string
    roomId?: string
    listenerId?: string
    text?: string
    type: number
  }): void {
    const where = payload.roomId
      ? this.world.topicOf(payload.roomId)
      : directWhere((this.world.mocker.contactPayload(payload.listenerId as string) as { name: string }).name)
    const text =
      payload.type === types.Message.Image
        ? `[图片] ${this.world.imageName(payload.id)}`
        : (payload.text ?? '')
    this.emit(formatOutput(where, this.botName, text))
  }
}

function withTimeout(promise: Promise<void>, message: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), LINE_TIMEOUT_MS)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
