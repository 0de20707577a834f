import type { ChatMessage, CommandInvocation, MemberRef } from '../../src/index.js'
import { type CheckinTimetable, definePlugin, SOURCES, UserFacingError } from '../../src/index.js'
import { nextDaily } from '../../src/scheduler/slots.js'
import { localDate, shiftDay, startOfWeek } from '../../src/time/zoned.js'
import { Acknowledgements, type RoomDay, roomDayOn } from './acknowledge.js'
import { CheckinBook } from './checkin-book.js'
import { checkinDay, isCheckinMessage, streakOf, tierOf } from './checkin-rules.js'
import { checkinConfig } from './config.js'
import { armPersonal, armRoom, type ReminderDeps, type RoomReminder, reminderCommands } from './reminders.js'

/**
 * 打卡: a check-in a day per member (/打卡, or a message that starts with 打卡, or a shared check-in link), with
 * streaks and points on the room's ledger. How they are acknowledged follows the day's send plan: in a small
 * deployment the first few are answered at once and later ones rolled up every few minutes; as rooms multiply,
 * fewer answers, rarer roll-ups, and at the end one digest a day that names everyone, so 200 busy rooms stay
 * within the account's daily sends.
 */
export default definePlugin({
  name: 'checkin',
  displayName: '打卡',
  description: '每日打卡：连续天数、积分、统计',
  config: checkinConfig,
  async setup(ctx, config) {
    const book = new CheckinBook(ctx.files)
    const rooms = ctx.store.table<string>('rooms')
    await book.load(
      rooms.entries().map(([key]) => key),
      (file, line) => ctx.logger.warn({ file, line }, 'check-in line skipped: not complete JSON'),
    )
    const dayOf = (at: Date) => checkinDay(at, ctx.clock.timeZone, config.dayStartsAt)
    const toldAlready = new Set<string>()
    // The figures plugin reads who checked in; shared, not reached into.
    ctx.provide('checkin.days', { checkedIn: (roomKey: string, day: string) => book.on(roomKey, day) })
    // Highlights leave check-ins out of a discussion's write-up: 「打卡 第3天」 is not a point anyone made.
    ctx.provide('checkin.messages', { isCheckin: isCheckinMessage })

    const acks = new Acknowledgements(ctx, config, ctx.store.table<RoomDay>('today'))
    ctx.schedule.timer('rollup', async (payload) => {
      const roomKey = (payload as { roomKey: string }).roomKey
      const day = dayOf(ctx.clock.now())
      const plan = await acks.plan(roomKey, day)
      // Past the day's roll-ups, what waits is named by the digest or the closing roll-up.
      if (roomDayOn(acks.today.get(roomKey), day).rollups >= plan.rollups) return
      await acks.flush(roomKey, day, { rollup: true })
    })
    ctx.schedule.daily('closing', config.closingAt, () => acks.close(dayOf(ctx.clock.now())))

    async function checkIn(
      msg: ChatMessage,
      text: string,
      reply: (t: string) => Promise<void>,
    ): Promise<void> {
      const room = msg.room as { key: string; topic: string }
      const member: MemberRef = msg.sender
      // A message from someone no longer in the room (delivered late, or a stale member list) is not counted
      // and not answered: nobody there would read the answer.
      if (!(await ctx.rooms.has(room.key, member.key))) {
        ctx.logger.info({ room: room.topic, member: member.name }, 'check-in from a non-member ignored')
        return
      }
      const day = dayOf(msg.time)
      const plan = await acks.plan(room.key, day)
      if (book.has(room.key, member.key, day)) {
        // Said once a day per member: someone who keeps posting 「打卡」 does not get a reply to each. When
        // sends are counted, not at all: the roll-up has named them or will.
        const key = `${room.key}#${member.key}#${day}`
        if (plan.mode !== 'live' || toldAlready.has(key)) return
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
      const points = await award(room.key, member, streak, returning)
      const current = roomDayOn(acks.today.get(room.key), day)
      // Someone coming back after a gap is welcomed in person (in a live room always; otherwise while the day's
      // answers last, then by name in the roll-up).
      if (returning && (plan.mode === 'live' || current.answered < plan.instantReplies)) {
        // Personal where the icebreaker's profile allows: the hobby they gave in their self-introduction.
        const hobby = ctx.use<{ hobby(roomKey: string, memberKey: string): string | undefined }>(
          'icebreaker.profiles',
        )
        if (plan.mode !== 'live')
          await acks.today.set(room.key, { ...current, answered: current.answered + 1 })
        await acks.count(room.key, day)
        await reply(
          ctx.render('checkin/welcome-back.njk', {
            name: member.name,
            points,
            hobby: hobby?.hobby(room.key, member.key),
          }),
        )
        return
      }
      if (current.answered < plan.instantReplies) {
        await acks.today.set(room.key, {
          ...current,
          answered: current.answered + 1,
          sent: current.sent + 1,
        })
        await reply(ctx.render('checkin/done.njk', { name: member.name, streak, points, first: !hadBefore }))
        return
      }
      const waiting = [
        ...current.waiting,
        { name: member.name, streak, day, ...(returning ? { back: true } : {}) },
      ]
      await acks.today.set(room.key, { ...current, waiting })
      // The first of today's to wait starts the roll-up's clock; while the day's roll-ups last.
      if (current.rollups < plan.rollups && current.waiting.every((w) => w.day !== day)) {
        await ctx.schedule.after('rollup', `rollup:${room.key}`, plan.rollupMinutes * 60_000, {
          roomKey: room.key,
        })
      }
    }

    async function award(roomKey: string, member: MemberRef, streak: number, returning: boolean) {
      let points = config.points
      if (points > 0) await ctx.points.add(roomKey, member, points, '打卡')
      const bonus = streak % config.streakEvery === 0 ? config.streakBonus : 0
      if (bonus > 0) {
        await ctx.points.add(roomKey, member, bonus, `连续打卡 ${streak} 天`)
        points += bonus
      }
      if (returning && config.welcomeBackBonus > 0) {
        await ctx.points.add(roomKey, member, config.welcomeBackBonus, '回归打卡')
        points += config.welcomeBackBonus
      }
      return points
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
      acks,
      closingAt: config.closingAt,
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
      when: (msg) => msg.room !== undefined && msg.kind === 'text' && isCheckinMessage(msg.text),
      run: async (msg) => {
        await checkIn(msg, msg.text, (text) => ctx.send(msg.room?.key as string, text))
        return true
      },
    })
  },
})
