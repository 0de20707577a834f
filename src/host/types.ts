import type { z } from 'zod'
import type { LlmClient } from '../llm/types.js'
import type { Logger } from '../logger.js'
import type { LoadedPack, PackOptions } from '../packs/load.js'
import type { JobHandler, JobOptions, TimerHandler } from '../scheduler/index.js'
import type { PluginFiles } from '../store/plugin-files.js'
import type { Migration, Table } from '../store/state-store.js'
import type { Clock } from '../time/clock.js'

/** A member as plugins see them: a stable key (survives re-logins) and the current display name. */
export interface MemberRef {
  key: string
  name: string
}

export type Role = 'member' | 'leader' | 'admin'

/**
 * The one message shape plugins see; they never touch Wechaty objects. Read-only: every listener sees the
 * same object, and the room log reads it after the handlers have run.
 */
export interface ChatMessage {
  readonly id: string
  /** undefined for a private chat with the bot */
  readonly room?: { key: string; topic: string }
  readonly sender: MemberRef
  readonly text: string
  /** members @-mentioned (the bot excluded) */
  readonly mentions: MemberRef[]
  readonly mentionsBot: boolean
  readonly kind: 'text' | 'image' | 'other'
  /** set for images: a local file the bot saved the image to */
  readonly imagePath?: string
  readonly time: Date
}

export type Sendable = string | { text: string; mentions?: MemberRef[] } | { image: string; name?: string }

export interface SendOptions {
  /** Scheduled posts respect quiet hours; replies to someone who just spoke do not. */
  origin?: 'reply' | 'scheduled'
}

export interface CommandInvocation {
  msg: ChatMessage
  /** words after the command (and after the sub-command, when one matched) */
  args: string[]
  /** the raw text after the command word, line breaks kept */
  rest: string
  mentions: MemberRef[]
  role: Role
  /** Reply in the conversation the command came from. */
  reply(content: Sendable): Promise<void>
}

export interface SubcommandSpec {
  name: string
  aliases?: string[]
  role?: Role
  /**
   * Who may use it, as `/帮助` shows it, when the handler checks more than `role` does (「群主或管理员」
   * for a subcommand that lets the router through leaders and then asks for the owner).
   */
  roleLabel?: string
  usage?: string
  description: string
  /** Commands that change nothing need no exactly-once record. */
  readOnly?: boolean
  /** For commands that @-mention many members: once per room within this many seconds. */
  cooldownSeconds?: number
  run(call: CommandInvocation): Promise<void> | void
}

export interface CommandSpec {
  /** English name, also usable as a command */
  name: string
  /** Chinese names and other aliases */
  aliases?: string[]
  description: string
  usage?: string
  example?: string
  role?: Role
  /** 'room' commands are refused in private chat */
  scope?: 'room' | 'direct' | 'any'
  readOnly?: boolean
  /** For commands that @-mention many members: once per room within this many seconds. */
  cooldownSeconds?: number
  subcommands?: SubcommandSpec[]
  /** 'command' when the first argument names another command (`/帮助 破冰`): `/帮助破冰` then works too */
  argument?: 'command'
  run?(call: CommandInvocation): Promise<void> | void
}

/** Returns true to claim the message: later listeners do not see it. */
export type ListenerFn = (msg: ChatMessage) => Promise<boolean> | boolean

export interface ListenerSpec {
  name: string
  /** lower runs first; see README for the bundled plugins' order */
  order?: number
  readOnly?: boolean
  /**
   * A quick synchronous test of whether the message may concern this listener; `run` is called only when it
   * passes. Every plain message in every room goes past every listener, so one that wants few messages says
   * which here (a room with a game open, text starting with 打卡) and costs the others nearly nothing.
   */
  when?: (msg: ChatMessage) => boolean
  run: ListenerFn
}

export interface RoomEvent {
  room: { key: string; topic: string }
  members: MemberRef[]
  time: Date
}

export interface PluginStore {
  table<T>(name: string): Table<T>
}

export interface PluginSchedule {
  cron(id: string, expr: string, handler: JobHandler, options?: JobOptions): void
  daily(id: string, hhmm: string, handler: JobHandler, options?: JobOptions): void
  /**
   * What fires the one-shot timers of `kind`. Registered in setup, so a timer set before a restart finds its
   * handler again; the payload given to `at` comes back as it was stored (plain JSON).
   */
  timer(kind: string, handler: TimerHandler): void
  /** Sets (or moves) the one-shot timer `id` to fire at `due`, on the bot's clock, once. */
  at(kind: string, id: string, due: Date, payload?: unknown): Promise<void>
  /** The same, `ms` from now. */
  after(kind: string, id: string, ms: number, payload?: unknown): Promise<void>
  /** Cancels a cron job or a one-shot timer by id. */
  cancel(id: string): Promise<void>
}

export interface RoomsApi {
  members(roomKey: string): Promise<MemberRef[]>
  leaders(roomKey: string): Promise<MemberRef[]>
  roleOf(roomKey: string | undefined, memberKey: string): Promise<Role>
  topic(roomKey: string): Promise<string | undefined>
  /** Whether the member is in the room now, by the room's member list (someone who left is not). */
  has(roomKey: string, memberKey: string): Promise<boolean>
  list(): Promise<Array<{ key: string; topic: string }>>
  /** The configured admins (运营) the bot can reach: by WeChat id, or by name in one of its rooms. */
  admins(): Promise<MemberRef[]>
}

/** One entry of a room's points ledger, as `ctx.points.entries` gives it. */
export interface PointsEntry {
  member: MemberRef
  amount: number
  /** why, as members read it: 猜谜答对, 打卡, 精华贡献 */
  reason: string
  /** the plugin that awarded it */
  source: string
  /** ISO instant */
  time: string
}

/**
 * One shared, append-only ledger per room, so games, highlights and check-in award points on the same scale.
 * Balances and rankings are derived from the entries; nothing is ever pruned or rewritten.
 */
export interface PointsLedger {
  /** Records an award (or a deduction); resolves with the member's new balance once it is on disk. */
  add(roomKey: string, member: MemberRef, amount: number, reason: string): Promise<number>
  balance(roomKey: string, memberKey: string): number
  /** a member's latest entries in the room, newest first */
  entries(roomKey: string, memberKey: string, options?: { limit?: number }): PointsEntry[]
  /** most points first; `since` counts only entries from then on (this week: `ctx.clock` and startOfWeek) */
  ranking(
    roomKey: string,
    options?: { since?: Date; limit?: number },
  ): Array<{ member: MemberRef; points: number }>
}

/** Content packs under `data/packs/<kind>/` (the shipped ones, and the data folder's when it is elsewhere). */
export interface PluginPacks {
  /** Every entry of the kind, each validated by `schema`; broken ones are in `problems`, with file and entry. */
  load<S extends z.ZodType>(
    kind: string,
    schema: S,
    options?: PackOptions<z.infer<S>>,
  ): LoadedPack<z.infer<S>>
}

/** One message of a room's log, as plugins read it back. */
export interface HistoryEntry {
  /** its place in the room's log (`YYYY-MM-DD#n`): pass it to `after` to read on from here */
  position: string
  id: string
  sender: MemberRef
  text: string
  time: Date
  kind: 'text' | 'image' | 'other'
  /** the saved image of an image message */
  image?: string
  /** keys of the members it @-mentions */
  mentions: string[]
  /** the bot's own message */
  bot: boolean
}

/** A room's message log, oldest first; a read names one room and only ever returns that room's messages. */
export interface RoomHistory {
  /** Messages from `since` up to `until` (default now). */
  between(roomKey: string, since: Date, until?: Date): Promise<HistoryEntry[]>
  /**
   * Messages logged after `position` (every one when undefined), and not before `since`: reading on from the last
   * position seen neither repeats nor misses a message, whatever time the IM stamped on it.
   */
  after(roomKey: string, position: string | undefined, since: Date): Promise<HistoryEntry[]>
}

export interface PluginContext {
  readonly pluginName: string
  readonly botName: string
  readonly clock: Clock
  readonly logger: Logger
  readonly store: PluginStore
  readonly schedule: PluginSchedule
  readonly rooms: RoomsApi
  readonly points: PointsLedger
  readonly packs: PluginPacks
  /** Rooms' message logs (what members and the bot said), by room. */
  readonly history: RoomHistory
  /** The plugin's own folder for files it makes: `data/<plugin>/` */
  readonly files: PluginFiles
  /** undefined until an LLM is configured */
  readonly llm: LlmClient | undefined
  command(spec: CommandSpec): void
  listen(spec: ListenerSpec): void
  onJoin(handler: (event: RoomEvent) => Promise<void> | void): void
  onLeave(handler: (event: RoomEvent) => Promise<void> | void): void
  /** Renders a template by name ('icebreaker/welcome.njk'); user text only ever as a variable. */
  render(template: string, vars?: Record<string, unknown>): string
  send(roomKey: string, content: Sendable, options?: SendOptions): Promise<void>
  sendDirect(memberKey: string, content: Sendable, options?: SendOptions): Promise<void>
  /** Sets the room notice (群公告); where the account cannot, posts it as a 【群公告】 message. */
  setNotice(roomKey: string, text: string, options?: SendOptions): Promise<void>
  /** Splits members into batches no larger than the outbox's mention cap. */
  mentionBatches(members: MemberRef[]): MemberRef[][]
  /**
   * The most messages the account sends a day (`outbox.dailyCap`, shared by every plugin and room; 0: no cap),
   * so a plugin that posts in many rooms can plan within it.
   */
  readonly dailySendCap: number
  /** Shares an API with other plugins (e.g. profiles). */
  provide<T>(name: string, api: T): void
  use<T>(name: string): T | undefined
  /** Whether this plugin is switched on for the room (`/插件`). */
  enabledIn(roomKey: string): boolean
}

export interface PluginDefinition<S extends z.ZodType = z.ZodType> {
  /** English name: config key, store file, template folder */
  name: string
  /** Chinese name users type in `/插件 开启 NAME` */
  displayName: string
  description?: string
  /**
   * Whether an empty `enabledPlugins` loads it: true (the default), or 'sandbox' for a plugin meant for trying
   * things out (the example), which real groups only get when `enabledPlugins` names it.
   */
  defaultEnabled?: boolean | 'sandbox'
  config?: S
  /** Folder of this plugin's templates, registered under the plugin's name */
  templates?: string
  /**
   * Version of the plugin's state file and the steps that bring older files up to it: `migrations[n]`
   * upgrades data written at version n-1. Runs once at start-up, before `setup`.
   */
  state?: { version: number; migrations?: Record<number, Migration> }
  setup(ctx: PluginContext, config: z.infer<S>): Promise<void> | void
}
