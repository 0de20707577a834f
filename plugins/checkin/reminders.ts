import type { CommandSpec, MemberRef, PluginContext, Table } from '../../src/index.js'
import { roomOf, UserFacingError } from '../../src/index.js'
import { toHalfWidth } from '../../src/text/normalize.js'
import { parseHourMinute } from '../../src/time/zoned.js'
import type { Acknowledgements } from './acknowledge.js'
import type { CheckinBook } from './checkin-book.js'
import { type Tier, tierOf } from './checkin-rules.js'

const TIERS: Tier[] = ['daily', 'lapsed', 'away', 'never']

/** A room's reminder: the agreed time, and the ballot while one is open. */
export interface RoomReminder {
  time?: string
  ballot?: { options: string[]; votes: Record<string, string> }
  /** the check-in day the room was last reminded on */
  remindedOn?: string
}

export interface ReminderDeps {
  ctx: PluginContext
  book: CheckinBook
  reminders: Table<RoomReminder>
  personal: Table<{ roomKey: string; member: MemberRef; time: string }>
  dayOf(at: Date): string
  acks: Acknowledgements
  /** when the day's closing roll-up (or digest) goes */
  closingAt: string
}

/** `21:00`, `２１：００`, `21点` → `21:00`; undefined when it is not a time of day. */
export function readTime(word: string | undefined): string | undefined {
  const text = toHalfWidth(word ?? '')
    .replace(/^(\d{1,2})点$/u, '$1:00')
    .replace(/^(\d{1,2})点半$/u, '$1:30')
  const minutes = parseHourMinute(text)
  if (minutes === undefined) return undefined
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** The ballot's winner: most votes; a tie goes to the later time (members who check in late are not rushed). */
export function winnerOf(ballot: NonNullable<RoomReminder['ballot']>): { time: string; votes: number } {
  const counts = new Map(ballot.options.map((o) => [o, 0]))
  for (const choice of Object.values(ballot.votes)) counts.set(choice, (counts.get(choice) ?? 0) + 1)
  const [time, votes] = [...counts].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0] as [
    string,
    number,
  ]
  return { time, votes }
}

/**
 * Reminds the room's members who have not checked in today: once a day, never when all are done. Where the
 * day's plan has no room for mentions, one message names how many are left, after naming by name everyone
 * who checked in and is still waiting to be acknowledged (the day digest).
 */
export async function remindRoom(deps: ReminderDeps, roomKey: string): Promise<void> {
  const { ctx, book, reminders } = deps
  const day = deps.dayOf(ctx.clock.now())
  const current = reminders.get(roomKey) ?? {}
  if (current.remindedOn === day) return
  const laggards = (await ctx.rooms.members(roomKey)).filter((m) => !book.has(roomKey, m.key, day))
  await reminders.set(roomKey, { ...current, remindedOn: day })
  const plan = await deps.acks.plan(roomKey, day)
  // The room's one message of the day is the closing digest.
  if (plan.reminder === 'none') return
  if (plan.reminder === 'count') {
    await deps.acks.flush(roomKey, day, { laggards: laggards.length })
    return
  }
  if (laggards.length === 0) return
  // One message per tier (and per mention batch), each in the tone that tier needs: keep going, come back,
  // how are you, the door is open.
  for (const tier of TIERS) {
    const members = laggards.filter((m) => tierOf(book.daysOf(roomKey, m.key), day) === tier)
    for (const batch of ctx.mentionBatches(members)) {
      if (batch.length === 0) continue
      await ctx.send(roomKey, {
        text: ctx.render(`checkin/remind-${tier}.njk`, { count: members.length }),
        mentions: batch,
      })
    }
  }
}

/**
 * When the room can afford only its closing digest today, the leader setting a reminder time hears so, and
 * when the digest comes instead: `{ closingAt }`, else nothing.
 */
async function digestOnly(deps: ReminderDeps, roomKey: string): Promise<{ closingAt?: string }> {
  const plan = await deps.acks.plan(roomKey, deps.dayOf(deps.ctx.clock.now()))
  return plan.reminder === 'none' ? { closingAt: deps.closingAt } : {}
}

/**
 * The room's reminder time agreed (by vote or set): stored and the reminder armed; returns what the leader
 * is told.
 */
async function setRoomTime(
  deps: ReminderDeps,
  roomKey: string,
  time: string,
  vote: { votes: number; voters: number } | Record<string, never> = {},
): Promise<string> {
  await deps.reminders.set(roomKey, { ...(deps.reminders.get(roomKey) ?? {}), time })
  armRoom(deps, roomKey, time)
  return deps.ctx.render('checkin/time-set.njk', { time, ...vote, ...(await digestOnly(deps, roomKey)) })
}

/** Puts the room's reminder on the scheduler at its agreed time (again, when the time changes). */
export function armRoom(deps: ReminderDeps, roomKey: string, time: string): void {
  deps.ctx.schedule.daily(`remind:${roomKey}`, time, () => remindRoom(deps, roomKey), { room: roomKey })
}

export function armPersonal(
  deps: ReminderDeps,
  key: string,
  entry: { roomKey: string; member: MemberRef; time: string },
): void {
  deps.ctx.schedule.daily(
    `personal:${key}`,
    entry.time,
    async () => {
      if (deps.book.has(entry.roomKey, entry.member.key, deps.dayOf(deps.ctx.clock.now()))) return
      const topic = (await deps.ctx.rooms.topic(entry.roomKey)) ?? ''
      await deps.ctx.sendDirect(
        entry.member.key,
        deps.ctx.render('checkin/personal.njk', { name: entry.member.name, topic }),
      )
    },
    { room: entry.roomKey },
  )
}

/** What members write to stop their private reminder. */
const CANCEL_WORDS = new Set(['取消', '关闭', '不用了', '停止', 'off', 'cancel'])

export function reminderCommands(deps: ReminderDeps): CommandSpec[] {
  const { ctx, reminders } = deps
  return [
    {
      name: 'remindtime',
      aliases: ['提醒时间'],
      description: '本群每天提醒打卡的时间：投票决定，或组长直接设置',
      usage: '/提醒时间 · /提醒时间 投票 20:00 21:00 22:00 · /提醒时间 结束 · /提醒时间 设置 21:00',
      example: '/提醒时间 投票 20:00 21:00 22:00',
      scope: 'room',
      readOnly: true,
      subcommands: [
        {
          name: '投票',
          aliases: ['vote', '发起投票'],
          role: 'leader',
          description: '发起提醒时间投票',
          run: async (call) => {
            const roomKey = roomOf(call).key
            const options = [...new Set(call.args.map(readTime))]
            if (options.length < 2 || options.includes(undefined))
              throw new UserFacingError('checkin.bad-ballot')
            const ballot = { options: (options as string[]).sort(), votes: {} }
            await reminders.set(roomKey, { ...(reminders.get(roomKey) ?? {}), ballot })
            await call.reply(ctx.render('checkin/ballot-opened.njk', ballot))
          },
        },
        {
          name: '结束',
          aliases: ['close', '结束投票'],
          role: 'leader',
          description: '结束投票，按票数定下提醒时间',
          run: async (call) => {
            const roomKey = roomOf(call).key
            const current = reminders.get(roomKey) ?? {}
            if (!current.ballot) throw new UserFacingError('checkin.no-ballot')
            const { time, votes } = winnerOf(current.ballot)
            const voters = Object.keys(current.ballot.votes).length
            await reminders.set(roomKey, { ...current, ballot: undefined })
            await call.reply(await setRoomTime(deps, roomKey, time, { votes, voters }))
          },
        },
        {
          name: '设置',
          aliases: ['set'],
          role: 'leader',
          description: '直接设置提醒时间',
          run: async (call) => {
            const roomKey = roomOf(call).key
            const time = readTime(call.args[0])
            if (!time) throw new UserFacingError('checkin.bad-time', { typed: call.args[0] ?? '' })
            await call.reply(await setRoomTime(deps, roomKey, time))
          },
        },
      ],
      run: async (call) => {
        const roomKey = roomOf(call).key
        const current = reminders.get(roomKey) ?? {}
        await call.reply(
          ctx.render('checkin/time-show.njk', { ...current, ...(await digestOnly(deps, roomKey)) }),
        )
      },
    },
    {
      name: 'vote',
      aliases: ['投票'],
      description: '给提醒时间投票（可以改票）',
      usage: '/投票 21:00',
      example: '/投票 21:00',
      scope: 'room',
      run: async (call) => {
        const roomKey = roomOf(call).key
        const current = reminders.get(roomKey) ?? {}
        if (!current.ballot) throw new UserFacingError('checkin.no-ballot')
        const choice = readTime(call.args[0])
        if (!choice || !current.ballot.options.includes(choice)) {
          throw new UserFacingError('checkin.not-on-ballot', {
            typed: call.args[0] ?? '',
            options: current.ballot.options,
          })
        }
        const changed = current.ballot.votes[call.msg.sender.key]
        const ballot = {
          ...current.ballot,
          votes: { ...current.ballot.votes, [call.msg.sender.key]: choice },
        }
        await reminders.set(roomKey, { ...current, ballot })
        await call.reply(
          ctx.render('checkin/voted.njk', {
            name: call.msg.sender.name,
            choice,
            changed,
            count: Object.keys(ballot.votes).length,
          }),
        )
      },
    },
    {
      name: 'remindme',
      aliases: ['提醒我'],
      description: '到点还没打卡的话，私聊提醒我',
      usage: '/提醒我 22:30 · /提醒我 取消 · /提醒我（看看设了没有）',
      example: '/提醒我 22:30',
      scope: 'room',
      run: async (call) => {
        const roomKey = roomOf(call).key
        const key = `${roomKey}#${call.msg.sender.key}`
        const name = call.msg.sender.name
        const typed = call.args[0]
        // Asked without a time, a member wants to know where they stand, not to hear their time was unclear.
        if (typed === undefined) {
          const current = deps.personal.get(key)
          await call.reply(ctx.render('checkin/personal-show.njk', { name, time: current?.time }))
          return
        }
        if (CANCEL_WORDS.has(typed)) {
          const had = await deps.personal.delete(key)
          if (had) await ctx.schedule.cancel(`personal:${key}`)
          await call.reply(ctx.render('checkin/personal-cancelled.njk', { name, had }))
          return
        }
        const time = readTime(typed)
        if (!time) throw new UserFacingError('checkin.bad-time', { typed })
        const entry = { roomKey, member: call.msg.sender, time }
        await deps.personal.set(key, entry)
        armPersonal(deps, key, entry)
        await call.reply(ctx.render('checkin/personal-set.njk', { name, time }))
      },
    },
  ]
}
