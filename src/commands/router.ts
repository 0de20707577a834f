import { UserFacingError } from '../errors.js'
import type {
  ChatMessage,
  CommandInvocation,
  CommandSpec,
  ListenerSpec,
  Role,
  Sendable,
  SubcommandSpec,
} from '../host/types.js'
import type { Logger } from '../logger.js'
import type { CommandCooldowns, OnceInAWhile } from './cooldown.js'
import { type ParsedCommand, parseCommand } from './parse.js'
import { type CommandRegistry, findSubcommand, type RegisteredCommand, subcommandWords } from './registry.js'
import { hasRole, type RoleResolver } from './roles.js'
import { suggestCommand } from './suggest.js'

export interface RouterDeps {
  registry: CommandRegistry
  roles: RoleResolver
  botName: string
  logger: Logger
  render(template: string, vars?: Record<string, unknown>): string
  reply(msg: ChatMessage, content: Sendable): Promise<void>
  isEnabled(plugin: string, roomKey: string | undefined): boolean
  /** the plugin's name as members see it (游戏, 打卡 …) */
  displayName(plugin: string): string
  /** records a state-changing message so a redelivery after a restart has no second effect */
  markHandled(msg: ChatMessage): void
  cooldowns: CommandCooldowns
  /** a member trying a switched-off plugin's command hears why once in a while, not on every try */
  pluginOffHints: OnceInAWhile
}

export type RouteOutcome = 'command' | 'refused' | 'suggested' | 'listener' | 'ignored'

const ROLE_NAMES: Record<Role, string> = { member: '成员', leader: '组长', admin: '管理员' }

/** Commands first; anything else goes to the listeners in their declared order until one claims it. */
export class Router {
  constructor(private readonly deps: RouterDeps) {}

  async route(msg: ChatMessage): Promise<RouteOutcome> {
    const parsed = parseCommand(msg.text, { botName: this.deps.botName, mentions: msg.mentions })
    return parsed ? this.routeCommand(msg, parsed) : this.runListeners(msg)
  }

  private async routeCommand(msg: ChatMessage, parsed: ParsedCommand): Promise<RouteOutcome> {
    const entry = this.deps.registry.find(parsed.name)
    if (entry && this.deps.isEnabled(entry.plugin, msg.room?.key)) return this.runCommand(msg, entry, parsed)
    const glued = entry ? undefined : this.unglued(parsed)
    if (glued && this.deps.isEnabled(glued.entry.plugin, msg.room?.key)) {
      return this.runCommand(msg, glued.entry, glued.parsed)
    }
    return this.notRun(msg, parsed, entry)
  }

  /**
   * `/破冰进度` as `/破冰 进度`: Chinese is written without spaces, so a command word and its subcommand
   * often arrive as one word. Taken apart when what follows the command word is one of its subcommands or
   * close to one: `/破冰模版` then meets the same answer as `/破冰 模版` (the suggestion for someone who may
   * use it, else the refusal). A command whose argument is a command name takes it the same way:
   * `/帮助破冰` is `/帮助 破冰`.
   */
  private unglued(parsed: ParsedCommand): { entry: RegisteredCommand; parsed: ParsedCommand } | undefined {
    const glued = this.deps.registry.findGlued(parsed.name)
    if (!glued || !this.gluedArgument(glued.entry.spec, glued.rest)) return undefined
    const rest = parsed.rest === '' ? glued.rest : `${glued.rest} ${parsed.rest}`
    return {
      entry: glued.entry,
      parsed: { ...parsed, name: glued.command, args: [glued.rest, ...parsed.args], rest },
    }
  }

  /** Whether `word`, typed right after the command's word, is one of its subcommands or a command it names. */
  private gluedArgument(spec: CommandSpec, word: string): boolean {
    if (spec.argument === 'command') return this.deps.registry.findNamed(word) !== undefined
    const subs = spec.subcommands
    if (!subs) return false
    if (findSubcommand(spec, word)) return true
    return suggestCommand(word, subs.flatMap(subcommandWords)) !== undefined
  }

  /**
   * No command of that name, or its plugin is off here: a near miss gets a suggestion, a switched-off plugin's
   * command a word on it (once in a while), else the listeners.
   */
  private async notRun(
    msg: ChatMessage,
    parsed: ParsedCommand,
    entry: RegisteredCommand | undefined,
  ): Promise<RouteOutcome> {
    if (!entry) {
      const outcome = await this.suggest(msg, parsed.name)
      if (outcome) return outcome
    } else if (msg.room && this.deps.pluginOffHints.take(`${msg.room.key}\u0000${msg.sender.key}`)) {
      // Silence would look like a broken bot: say the plugin is off here and who can switch it on.
      const plugin = this.deps.displayName(entry.plugin)
      const command = entry.spec.aliases?.[0] ?? entry.spec.name
      return this.answer(msg, 'core/plugin-off.njk', { plugin, command }, 'refused')
    }
    return this.runListeners(msg)
  }

  private async runCommand(
    msg: ChatMessage,
    entry: RegisteredCommand,
    parsed: ParsedCommand,
  ): Promise<RouteOutcome> {
    const { spec } = entry
    const scope = spec.scope ?? 'room'
    if (scope === 'room' && !msg.room)
      return this.answer(msg, 'core/room-only.njk', { command: spec.aliases?.[0] ?? spec.name }, 'refused')
    const role = await this.deps.roles.roleOf(msg.room?.key, msg.sender)
    return this.runAs(msg, entry, parsed, role)
  }

  private async runAs(
    msg: ChatMessage,
    entry: RegisteredCommand,
    { args, rest, mentions }: ParsedCommand,
    role: Role,
  ): Promise<RouteOutcome> {
    const { spec } = entry
    const sub = findSubcommand(spec, args[0])
    if (!sub && args[0] && spec.subcommands) {
      // Before the role check: a typo of a subcommand the sender may use deserves the suggestion, not a
      // refusal for the parent command.
      const close = suggestCommand(args[0], this.subcommandWordsFor(spec, role))
      if (close) {
        const command = `${spec.aliases?.[0] ?? spec.name} ${close}`
        const typed = `${spec.aliases?.[0] ?? spec.name} ${args[0]}`
        return this.answer(msg, 'core/did-you-mean.njk', { typed, suggestion: command }, 'suggested')
      }
    }
    const needed = sub?.role ?? spec.role ?? 'member'
    if (!hasRole(role, needed)) {
      // The same words /帮助 shows: 「群主或管理员」 where the handler asks for more than the gate.
      const vars = { role: sub?.roleLabel ?? ROLE_NAMES[needed], sender: msg.sender.name }
      return this.answer(msg, 'core/refusal.njk', vars, 'refused')
    }
    const wait = this.deps.cooldowns.take(msg, spec, sub)
    if (wait) return this.answer(msg, 'core/cooldown.njk', { ...wait }, 'refused')
    const run = sub ? sub.run : spec.run
    if (!run) return this.answer(msg, 'core/usage.njk', usageVars(spec), 'command')
    const call: CommandInvocation = {
      msg,
      args: sub ? args.slice(1) : args,
      rest: sub ? stripFirstWord(rest) : rest,
      mentions,
      role,
      reply: (content) => this.reply(msg, content),
    }
    return this.invoke(entry, sub, call)
  }

  /**
   * The subcommand words worth suggesting to someone with `role`: all of them when the sender may use the
   * command itself (a refusal for the subcommand names the role), else only those the sender may use.
   */
  private subcommandWordsFor(spec: CommandSpec, role: Role): string[] {
    const parentRole = spec.role ?? 'member'
    const mayUseParent = hasRole(role, parentRole)
    return (spec.subcommands ?? [])
      .filter((x) => mayUseParent || hasRole(role, x.role ?? parentRole))
      .flatMap(subcommandWords)
  }

  private async invoke(
    entry: RegisteredCommand,
    sub: SubcommandSpec | undefined,
    call: CommandInvocation,
  ): Promise<RouteOutcome> {
    // Each declares its own: a read-only listing must not make its state-changing subcommands repeatable.
    const readOnly = (sub ? sub.readOnly : entry.spec.readOnly) ?? false
    try {
      await (sub ? sub.run(call) : entry.spec.run?.(call))
      if (!readOnly) this.deps.markHandled(call.msg)
    } catch (error) {
      await this.fail(call.msg, error, { plugin: entry.plugin, command: entry.spec.name })
    }
    return 'command'
  }

  /** The listeners, in order, until one claims the message. */
  private async runListeners(msg: ChatMessage): Promise<RouteOutcome> {
    for (const { plugin, spec } of this.deps.registry.allListeners()) {
      let claimed: boolean
      try {
        if (spec.when && !spec.when(msg)) continue
        if (!this.deps.isEnabled(plugin, msg.room?.key)) continue
        claimed = await spec.run(msg)
      } catch (error) {
        return this.failed(msg, error, { plugin, listener: spec.name })
      }
      if (claimed) return this.claimed(msg, spec)
    }
    return 'ignored'
  }

  private claimed(msg: ChatMessage, spec: ListenerSpec): RouteOutcome {
    if (!spec.readOnly) this.deps.markHandled(msg)
    return 'listener'
  }

  private async failed(
    msg: ChatMessage,
    error: unknown,
    where: Record<string, string>,
  ): Promise<RouteOutcome> {
    await this.fail(msg, error, where)
    return 'listener'
  }

  /** A near miss gets "did you mean"; anything else is silence: a busy group must not be spammed. */
  private async suggest(msg: ChatMessage, word: string): Promise<RouteOutcome | undefined> {
    const candidates = this.deps.registry
      .allCommands()
      .filter((c) => this.deps.isEnabled(c.plugin, msg.room?.key))
      .flatMap((c) => [...(c.spec.aliases ?? []), c.spec.name])
    const suggestion = suggestCommand(word, candidates)
    if (!suggestion) return undefined
    return this.answer(msg, 'core/did-you-mean.njk', { typed: word, suggestion }, 'suggested')
  }

  /** Replies with a core template and reports how the message ended. */
  private async answer(
    msg: ChatMessage,
    template: string,
    vars: Record<string, unknown>,
    outcome: RouteOutcome,
  ): Promise<RouteOutcome> {
    await this.reply(msg, this.deps.render(template, { sender: msg.sender.name, ...vars }))
    return outcome
  }

  private async fail(msg: ChatMessage, error: unknown, where: Record<string, string>): Promise<void> {
    if (error instanceof UserFacingError) {
      await this.reply(msg, this.deps.render(error.template, { sender: msg.sender.name, ...error.vars }))
      return
    }
    this.deps.logger.error({ err: error, room: msg.room?.topic, ...where }, 'handler failed')
    await this.reply(msg, this.deps.render('core/apology.njk', { sender: msg.sender.name }))
  }

  /** Never rejects: a reply that cannot go out is logged. */
  private async reply(msg: ChatMessage, content: Sendable): Promise<void> {
    try {
      await this.deps.reply(msg, content)
    } catch (error) {
      this.deps.logger.error({ err: error, room: msg.room?.topic }, 'reply failed')
    }
  }
}

export function usageVars(spec: CommandSpec) {
  return {
    name: spec.aliases?.[0] ?? spec.name,
    english: spec.name,
    description: spec.description,
    usage: spec.usage,
    example: spec.example,
    subcommands: spec.subcommands ?? [],
  }
}

function stripFirstWord(text: string): string {
  return text.replace(/^\S+[\s\u3000\u2005]*/u, '')
}
