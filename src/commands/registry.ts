import type { CommandSpec, ListenerSpec, SubcommandSpec } from '../host/types.js'
import { toHalfWidth, toSimplified } from '../text/normalize.js'

export interface RegisteredCommand {
  plugin: string
  spec: CommandSpec
}

export interface RegisteredListener {
  plugin: string
  spec: ListenerSpec
  /** registration sequence, to keep equal orders stable */
  seq: number
}

/** Command words compare through full/half width, traditional/simplified and case. */
export function commandKey(word: string): string {
  return toSimplified(toHalfWidth(word)).toLowerCase()
}

/** The words that call a subcommand: its name and its aliases. */
export function subcommandWords(sub: SubcommandSpec): string[] {
  return [sub.name, ...(sub.aliases ?? [])]
}

export function findSubcommand(spec: CommandSpec, word: string | undefined): SubcommandSpec | undefined {
  if (!word || !spec.subcommands) return undefined
  const key = commandKey(word)
  return spec.subcommands.find((sub) => subcommandWords(sub).some((n) => commandKey(n) === key))
}

export class CommandRegistry {
  private readonly byKey = new Map<string, RegisteredCommand>()
  private readonly commands: RegisteredCommand[] = []
  private readonly listeners: RegisteredListener[] = []
  private seq = 0

  addCommand(plugin: string, spec: CommandSpec): void {
    const entry = { plugin, spec }
    for (const word of [spec.name, ...(spec.aliases ?? [])]) {
      const key = commandKey(word)
      const existing = this.byKey.get(key)
      if (existing && existing.plugin !== plugin) {
        throw new Error(`command "${word}" of ${plugin} is already registered by ${existing.plugin}`)
      }
      this.byKey.set(key, entry)
    }
    this.commands.push(entry)
  }

  addListener(plugin: string, spec: ListenerSpec): void {
    this.listeners.push({ plugin, spec, seq: this.seq++ })
    this.listeners.sort((a, b) => (a.spec.order ?? 100) - (b.spec.order ?? 100) || a.seq - b.seq)
  }

  removePlugin(plugin: string): void {
    for (const [key, entry] of this.byKey) if (entry.plugin === plugin) this.byKey.delete(key)
    removeWhere(this.commands, (c) => c.plugin === plugin)
    removeWhere(this.listeners, (l) => l.plugin === plugin)
  }

  find(word: string): RegisteredCommand | undefined {
    // Most words are typed as registered: skip the OpenCC conversion (~20 µs) for them.
    return this.byKey.get(word) ?? this.byKey.get(commandKey(word))
  }

  /**
   * A command word typed together with what follows it, as Chinese is written without spaces:
   * `破冰进度` → `破冰` and `进度`. The longest command word that starts `word` and leaves something after
   * it; `rest` is what it leaves, folded like a command word (half-width, simplified, lower case).
   * Undefined when no command word starts it.
   */
  findGlued(word: string): { entry: RegisteredCommand; command: string; rest: string } | undefined {
    const key = commandKey(word)
    let best: { entry: RegisteredCommand; command: string; rest: string } | undefined
    for (const [command, entry] of this.byKey) {
      if (command.length >= key.length || !key.startsWith(command)) continue
      if (best && best.command.length >= command.length) continue
      best = { entry, command, rest: key.slice(command.length) }
    }
    return best
  }

  /** The command a word names, with or without something glued after it (`破冰`, `破冰进度`). */
  findNamed(word: string): RegisteredCommand | undefined {
    return this.find(word) ?? this.findGlued(word)?.entry
  }

  allCommands(): readonly RegisteredCommand[] {
    return this.commands
  }

  allListeners(): readonly RegisteredListener[] {
    return this.listeners
  }

  /** Every word that invokes a command, for "did you mean". */
  allWords(): string[] {
    return this.commands.flatMap((c) => [...(c.spec.aliases ?? []), c.spec.name])
  }
}

function removeWhere<T>(list: T[], predicate: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i] as T)) list.splice(i, 1)
}
