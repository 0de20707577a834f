import type { PluginContext, Table } from '../../src/index.js'
import type { CheckinConfig } from './config.js'
import { rollupParts, type Waiting } from './roll-up.js'
import { type SendPlan, sendPlan } from './send-plan.js'

/** A room's check-in sends on one day, and the check-ins still waiting to be named (whatever their day). */
export interface RoomDay {
  day: string
  /** check-ins answered one by one today */
  answered: number
  waiting: Waiting[]
  /** roll-ups posted today */
  rollups?: number
  /** check-in messages posted today: answers, roll-ups, the digest */
  sent?: number
}

/** The room's record for `day`: a new day counts afresh and keeps whatever still waits. */
export function roomDayOn(state: RoomDay | undefined, day: string): Required<RoomDay> {
  if (state?.day === day) return { rollups: 0, sent: 0, ...state }
  return { day, answered: 0, waiting: state?.waiting ?? [], rollups: 0, sent: 0 }
}

/** A short roll-up of today's check-ins reads as one line; anything more is grouped by streak. */
const ONE_LINE = 10

/**
 * Acknowledging check-ins within the room's share of the account's sends: the day's plan for each room, and
 * posting what waits (a roll-up, the closing roll-up, or the day digest that carries the reminder).
 */
export class Acknowledgements {
  #rooms: { day: string; count: number } | undefined
  readonly #members = new Map<string, { day: string; count: number; batches: number }>()

  constructor(
    private readonly ctx: PluginContext,
    private readonly config: CheckinConfig,
    readonly today: Table<RoomDay>,
  ) {}

  /** The room's plan for the day; the rooms and members are counted once a day, so it holds all day. */
  async plan(roomKey: string, day: string): Promise<SendPlan> {
    if (this.#rooms?.day !== day) {
      const on = (await this.ctx.rooms.list()).filter((room) => this.ctx.enabledIn(room.key))
      this.#rooms = { day, count: on.length }
    }
    let members = this.#members.get(roomKey)
    if (members?.day !== day) {
      const all = await this.ctx.rooms.members(roomKey)
      members = { day, count: all.length, batches: this.ctx.mentionBatches(all).length }
      this.#members.set(roomKey, members)
    }
    return sendPlan({
      dailyCap: this.ctx.dailySendCap,
      share: this.config.budgetShare,
      rooms: this.#rooms.count,
      members: members.count,
      mentionBatches: members.batches,
      instantReplies: this.config.instantReplies,
      rollupMinutes: this.config.rollupMinutes,
      singleMessage: this.config.singleMessage,
    })
  }

  /** Counts a message the room got today that answers check-ins. */
  async count(roomKey: string, day: string, sends = 1): Promise<void> {
    const state = roomDayOn(this.today.get(roomKey), day)
    await this.today.set(roomKey, { ...state, sent: state.sent + sends })
  }

  /**
   * Names every waiting check-in, split by length only when needed; with `laggards`, the last message also
   * says how many have not checked in yet (the reminder without individual mentions). Returns messages sent.
   */
  async flush(
    roomKey: string,
    day: string,
    options: { laggards?: number; rollup?: boolean } = {},
  ): Promise<number> {
    const state = roomDayOn(this.today.get(roomKey), day)
    const texts = this.texts(state.waiting, day, options.laggards !== undefined)
    if (options.laggards) texts.push(this.ctx.render('checkin/remind-count.njk', { count: options.laggards }))
    if (texts.length === 0) return 0
    const messages = options.laggards && texts.length > 1 ? joinLast(texts) : texts
    // Cleared before sending, as a roll-up always was: a crash mid-send loses a roll-up, never repeats one.
    await this.today.set(roomKey, {
      ...state,
      waiting: [],
      rollups: state.rollups + (options.rollup ? 1 : 0),
      sent: state.sent + messages.length,
    })
    for (const text of messages) await this.ctx.send(roomKey, text)
    return messages.length
  }

  /** At `closingAt`: rooms whose check-ins still wait get them named, where the day's plan allows. */
  async close(day: string): Promise<void> {
    for (const [roomKey, stored] of this.today.entries()) {
      if (stored.waiting.length === 0 || !this.ctx.enabledIn(roomKey)) continue
      const state = roomDayOn(stored, day)
      const plan = await this.plan(roomKey, day)
      // A room that has had no check-in message today gets this one whatever the plan: it is its digest.
      if (plan.mode === 'live' || plan.closing || state.sent === 0) await this.flush(roomKey, day)
    }
  }

  private texts(waiting: Waiting[], day: string, reminder: boolean): string[] {
    const oneLine = waiting.length <= ONE_LINE && waiting.every((w) => !w.back && (w.day ?? day) === day)
    if (oneLine && !reminder && waiting.length > 0) {
      return [this.ctx.render('checkin/rollup.njk', { members: waiting })]
    }
    const parts = rollupParts(waiting, day)
    return parts.map((part, index) =>
      this.ctx.render('checkin/digest.njk', { part, index, parts: parts.length, reminder }),
    )
  }
}

/** The reminder line goes with the digest's last message rather than costing a send of its own. */
function joinLast(texts: string[]): string[] {
  const reminder = texts.pop() as string
  const last = texts.pop() as string
  return [...texts, `${last}\n${reminder}`]
}
