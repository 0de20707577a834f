import type { ChatMessage, CommandSpec, SubcommandSpec } from '../host/types.js'
import type { Clock } from '../time/clock.js'
import { localTime } from '../time/zoned.js'

export interface CooldownWait {
  /** the command as typed, e.g. 「破冰 提醒」 */
  command: string
  minutes: number
  /** 'HH:mm' in the community's zone when it may be used again */
  at: string
}

/**
 * Per-room cool-downs for commands that @-mention many members (`/破冰 提醒`, reminders): a group is not to be
 * pinged twice in a row because two leaders, or one impatient one, asked. In memory: a restart forgives.
 */
export class CommandCooldowns {
  private readonly lastRun = new Map<string, number>()

  constructor(private readonly clock: Clock) {}

  /** Undefined when the command may run now (and its cool-down starts); else how long to wait. */
  take(msg: ChatMessage, spec: CommandSpec, sub: SubcommandSpec | undefined): CooldownWait | undefined {
    const seconds = sub ? sub.cooldownSeconds : spec.cooldownSeconds
    if (!seconds || !msg.room) return undefined
    const key = `${msg.room.key}\u0000${spec.name}\u0000${sub?.name ?? ''}`
    const now = this.clock.nowMs()
    const last = this.lastRun.get(key)
    const readyAt = last === undefined ? now : last + seconds * 1000
    if (readyAt <= now) {
      this.lastRun.set(key, now)
      return undefined
    }
    const command = [spec.aliases?.[0] ?? spec.name, sub?.name].filter(Boolean).join(' ')
    return {
      command,
      minutes: Math.ceil((readyAt - now) / 60_000),
      at: localTime(new Date(readyAt + 59_999), this.clock.timeZone),
    }
  }
}

/**
 * True at most once per key in a while: for a one-line answer that must not turn into chatter when someone
 * keeps trying (the self-introduction, a switched-off plugin's command). In memory: a restart forgives.
 */
export class OnceInAWhile {
  private readonly last = new Map<string, number>()

  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
  ) {}

  take(key: string): boolean {
    const now = this.clock.nowMs()
    const last = this.last.get(key)
    if (last !== undefined && now - last < this.ms) return false
    // Bounded so that a stream of members cannot grow it forever.
    if (this.last.size > 10_000) this.last.clear()
    this.last.set(key, now)
    return true
  }
}
