import type { ChatMessage, CommandInvocation, MemberRef } from '../../src/index.js'
import { type CheckinTimetable, definePlugin, SOURCES, UserFacingError } from '../../src/index.js'
import { nextDaily } from '../../src/scheduler/slots.js'
import { localDate, shiftDay, startOfWeek } from '../../src/time/zoned.js'
import { CheckinBook } from './checkin-book.js'
import { checkinDay, isCheckinMessage, streakOf, tierOf } from './checkin-rules.js'
import { checkinConfig } from './config.js'
import { armPersonal, armRoom, type ReminderDeps, type RoomReminder, reminderCommands } from './reminders.js'

interface RoomDay {
  day: string
  /** check-ins answered one by one today */
  answered: number
  /** waiting for the next roll-up */
  waiting: Array<{ name: string; streak: number }>
}

/**
 * 打卡: a check-in a day per member (/打卡, or a message that starts with 打卡, or a shared check-in link), with
 * streaks and points on the room's ledger. The first few each day are answered at once; later ones are gathered
 * into one roll-up every few minutes, so 200 busy rooms stay within the account's daily sends.
 */
export default definePlugin({
  name: 'checkin',
  displayName: '打卡',
  description: '每日打卡：连续天数、积分、统计',
  config: checkinConfig,
  async setup(ctx, config) {
    const book = new CheckinBook(ctx.files)
    const rooms = ctx.store.table<string>('rooms')
    const today = ctx.store.table<RoomDay>('today')
    await book.load(
      rooms.entries().map(([key]) => key),
      (file, line) => ctx.logger.warn({ file, line }, 'check-in line skipped: not complete JSON'),
    )
    const dayOf = (at: Date) => checkinDay(at, ctx.clock.timeZone, config.dayStartsAt)
    const toldAlready = new Set<string>()
    // The figures plugin reads who checked in; shared, not reached into.
    ctx.provide('checkin.days', { checkedIn: (roomKey: string, day: string) => book.on(roomKey, day) })

    ctx.schedule.timer('rollup', async (payload) => {
      const roomKey = (payload as { roomKey: string }).roomKey
      const state = today.get(roomKey)
      if (!state || state.waiting.length === 0) return
      await today.set(roomKey, { ...state, waiting: [] })
      await ctx.send(roomKey, ctx.render('checkin/rollup.njk', { members: state.waiting }))
    })

    async function checkIn(
      msg: ChatMessage,
      text: string,
      reply: (t: string) => Promise<void>,
    ): Promise<void> {
      const room = msg.room as { key: string; topic: string }
      const member: MemberRef = msg.sender
      const day = dayOf(msg.time)
      if (book.has(room.key, member.key, day)) {
        // Said once a day per member: someone who keeps posting 「打卡」 does not get a reply to each.
        const key = `${room.key}#${member.key}#${day}`
        if (toldAlready.has(key)) return
        if (toldAlready.size > 100_000) toldAlready.clear()
        toldAlready.add(key)
        await reply(
          ctx.render('checkin/again.njk', {
            name: member.name,
            streak: streakOf(book.daysOf(room.key, member.key), day),
          }),
        )
        return
      }
      if (!rooms.has(room.key)) await rooms.set(room.key, room.topic)
      const before = book.daysOf(room.key, member.key)
      const hadBefore = before.size > 0
      const returning = tierOf(before, day) === 'away'
      await book.add(room.key, { member, day, time: msg.time.toISOString(), text: text.slice(0, 500) })
      const streak = streakOf(book.daysOf(room.key, member.key), day)
      let points = config.points
      if (points > 0) await ctx.points.add(room.key, member, points, '打卡')
      const bonus = streak % config.streakEvery === 0 ? config.streakBonus : 0
      if (bonus > 0) {
        await ctx.points.add(room.key, member, bonus, `连续打卡 ${streak} 天`)
        points += bonus
      }
      if (returning && config.welcomeBackBonus > 0) {
        await ctx.points.add(room.key, member, config.welcomeBackBonus, '回归打卡')
        points += config.welcomeBackBonus
      }
      const state = today.get(room.key)
      const current: RoomDay = state?.day === day ? state : { day, answered: 0, waiting: [] }
      // Someone coming back after a gap is always welcomed in person, whatever the roll-up.
      if (returning) {
        // Personal where the icebreaker's profile allows: the hobby they gave in their self-introduction.
        const hobby = ctx.use<{ hobby(roomKey: string, memberKey: string): string | undefined }>(
          'icebreaker.profiles',
        )
        await reply(
          ctx.render('checkin/welcome-back.njk', {
            name: member.name,
            points,
            hobby: hobby?.hobby(room.key, member.key),
          }),
        )
        return
      }
      if (current.answered < config.instantReplies) {
        await today.set(room.key, { ...current, answered: current.answered + 1 })
        await reply(ctx.render('checkin/done.njk', { name: member.name, streak, points, first: !hadBefore }))
        return
      }
      await today.set(room.key, { ...current, waiting: [...current.waiting, { name: member.name, streak }] })
      if (current.waiting.length === 0) {
        await ctx.schedule.after('rollup', `rollup:${room.key}`, config.rollupMinutes * 60_000, {
          roomKey: room.key,
        })
      }
    }

    async function stats(call: CommandInvocation): Promise<void> {
      const room = call.msg.room as { key: string; topic: string }
      const now = ctx.clock.now()
      const day = dayOf(now)
      const members = await ctx.rooms.members(room.key)
      const done = new Set(book.on(room.key, day))
      const missing = members.filter((m) => !done.has(m.key))
      const tiers = { daily: 0, lapsed: 0, away: 0, never: 0 }
      // Whoever has checked in today is keeping up, whatever came before.
      for (const m of members) tiers[done.has(m.key) ? 'daily' : tierOf(book.daysOf(room.key, m.key), day)]++
      const weekStart = localDate(startOfWeek(now, ctx.clock.timeZone), ctx.clock.timeZone)
      let possible = 0
      let made = 0
      for (let d = weekStart; d <= day; d = shiftDay(d, 1)) {
        possible += members.length
        made += members.filter((m) => book.has(room.key, m.key, d)).length
      }
      await call.reply(
        ctx.render('checkin/stats.njk', {
          done: members.length - missing.length,
          total: members.length,
          missing: missing.slice(0, 30).map((m) => m.name),
          more: Math.max(0, missing.length - 30),
          weekRate: possible === 0 ? 0 : Math.round((made / possible) * 100),
          tiers,
        }),
      )
    }

    const reminderDeps: ReminderDeps = {
      ctx,
      book,
      reminders: ctx.store.table<RoomReminder>('reminders'),
      personal: ctx.store.table<{ roomKey: string; member: MemberRef; time: string }>('personal'),
      dayOf,
    }
    for (const [roomKey, reminder] of reminderDeps.reminders.entries()) {
      if (reminder.time) armRoom(reminderDeps, roomKey, reminder.time)
    }
    for (const [key, entry] of reminderDeps.personal.entries()) armPersonal(reminderDeps, key, entry)
    for (const command of reminderCommands(reminderDeps)) ctx.command(command)
    ctx.provide<CheckinTimetable>(SOURCES.checkin, {
      of(roomKey) {
        const reminder = reminderDeps.reminders.get(roomKey) ?? {}
        const ballot = reminder.ballot
        return {
          time: reminder.time,
          next: reminder.time ? nextDaily(reminder.time, ctx.clock.timeZone, ctx.clock.now()) : undefined,
          ballot: ballot && { options: ballot.options, votes: Object.keys(ballot.votes).length },
        }
      },
    })

    ctx.command({
      name: 'checkin',
      aliases: ['打卡'],
      description: '今日打卡（也可以直接发「打卡 + 内容」）',
      usage: '/打卡 [内容或链接] · /打卡 统计',
      example: '/打卡 今天背了 50 个单词',
      scope: 'room',
      subcommands: [
        {
          name: '统计',
          aliases: ['stats'],
          role: 'leader',
          readOnly: true,
          description: '今天谁打了卡、谁还没有，本周打卡率',
          run: stats,
        },
      ],
      run: async (call) => {
        if (Array.from(call.rest).length > 2000) throw new UserFacingError('checkin.too-long')
        await checkIn(call.msg, call.rest.trim(), call.reply)
      },
    })
    ctx.listen({
      name: 'checkin-message',
      order: 20,
      run: async (msg) => {
        if (!msg.room || msg.kind !== 'text' || !isCheckinMessage(msg.text)) return false
        await checkIn(msg, msg.text, (text) => ctx.send(msg.room?.key as string, text))
        return true
      },
    })
  },
})
