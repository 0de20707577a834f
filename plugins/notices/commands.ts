import { z } from 'zod'
import type { CommandInvocation, CommandSpec, MemberRef, PluginContext, Table } from '../../src/index.js'
import { roomOf, UserFacingError } from '../../src/index.js'
import { truncateChars } from '../../src/text/trim.js'
import { localDateTime } from '../../src/time/zoned.js'
import type { NoticesConfig } from './config.js'
import { lintNotice } from './notice-lint.js'
import { nextRun, readTimetable } from './timetable.js'

/** A notice set to go out on a timetable in one room. */
export const timedNoticeSchema = z.object({
  roomKey: z.string().min(1),
  /** short, per room: 1, 2, 3 */
  id: z.string().regex(/^\d+$/),
  cron: z.string().min(1),
  label: z.string().min(1),
  text: z.string().min(1),
  by: z.object({ key: z.string(), name: z.string() }),
  createdAt: z.string(),
})
export type TimedNotice = z.infer<typeof timedNoticeSchema>

export interface NoticeDeps {
  ctx: PluginContext
  config: NoticesConfig
  timed: Table<TimedNotice>
  counters: Table<number>
  /** puts a stored timed notice on the scheduler */
  arm(notice: TimedNotice): void
}

export const jobIdOf = (notice: Pick<TimedNotice, 'roomKey' | 'id'>) => `timed:${notice.roomKey}#${notice.id}`

/** The notice's text: what follows the subcommand (and the timetable), line breaks kept, checked for size. */
function noticeText(deps: NoticeDeps, raw: string, command: '预览' | '发布' | '定时'): string {
  // Spaces after the command word go; line breaks inside the notice stay.
  const text = raw
    .replace(/^[\s\u3000]*\n/u, '')
    .replace(/^[ \t\u3000]+/u, '')
    .trimEnd()
  if (text.trim() === '') throw new UserFacingError('notices.empty', { command })
  const chars = Array.from(text).length
  if (chars > deps.config.maxChars)
    throw new UserFacingError('notices.too-long', { chars, max: deps.config.maxChars })
  return text
}

/** The advice for a notice, one line per finding, or the "reads well" line. */
export function adviceFor(deps: NoticeDeps, text: string): string[] {
  const findings = lintNotice(text, deps.config)
  if (findings.length === 0) return [deps.ctx.render('notices/lint/clean.njk')]
  return findings.map((f) => deps.ctx.render(`notices/lint/${f.rule}.njk`, f.vars))
}

const timeText = (deps: NoticeDeps, date: Date) => localDateTime(date, deps.ctx.clock.timeZone).slice(5, 16)

export function noticeCommand(deps: NoticeDeps): CommandSpec {
  const { ctx } = deps
  return {
    name: 'notice',
    aliases: ['公告'],
    description: '群公告：预览建议、发布、定时发布',
    usage: '/公告 预览 内容 · /公告 发布 内容 · /公告 定时 时间 内容 · /公告 列表 · /公告 取消 编号',
    example: '/公告 定时 每周一 09:00 本周学习安排见群文件',
    role: 'leader',
    scope: 'room',
    readOnly: true,
    subcommands: [
      {
        name: '预览',
        aliases: ['preview', '检查'],
        readOnly: true,
        description: '看看公告发出去的样子，并给出修改建议',
        run: async (call) => {
          const text = noticeText(deps, call.rest, '预览')
          await call.reply(ctx.render('notices/preview.njk', { text, advice: adviceFor(deps, text) }))
        },
      },
      {
        name: '发布',
        aliases: ['publish', '发'],
        description: '设置群公告（账号不支持时以【群公告】消息发出）',
        run: async (call) => {
          const text = noticeText(deps, call.rest, '发布')
          await ctx.setNotice(roomOf(call).key, text)
        },
      },
      {
        name: '定时',
        aliases: ['schedule', '定时发布'],
        usage: '/公告 定时 08:00|每周一 09:00|工作日 08:30|0 9 * * 1 内容',
        description: '按时间表发布群公告',
        run: (call) => schedule(deps, call),
      },
      {
        name: '列表',
        aliases: ['list'],
        readOnly: true,
        description: '本群的定时公告和下次发布时间',
        run: (call) => list(deps, call),
      },
      {
        name: '取消',
        aliases: ['cancel', '删除'],
        usage: '/公告 取消 编号',
        description: '取消一条定时公告',
        run: (call) => cancel(deps, call),
      },
    ],
    run: async (call) => {
      if (call.args[0]) throw new UserFacingError('notices.unknown-sub', { word: call.args[0] })
      await list(deps, call)
    },
  }
}

async function schedule(deps: NoticeDeps, call: CommandInvocation): Promise<void> {
  const { ctx, config, timed, counters } = deps
  const room = roomOf(call)
  const read = readTimetable(call.args)
  if (!read) throw new UserFacingError('notices.bad-time', { typed: call.args.slice(0, 2).join(' ') })
  // The words of the timetable come off the front of the raw text; what is left, line breaks and all, is the notice.
  let rest = call.rest
  for (let i = 0; i < read.used; i++) rest = rest.replace(/^[\s\u3000]*\S+/u, '')
  const text = noticeText(deps, rest, '定时')
  const inRoom = timed.values().filter((n) => n.roomKey === room.key)
  if (inRoom.length >= config.maxTimedPerRoom)
    throw new UserFacingError('notices.too-many', { max: config.maxTimedPerRoom })
  const id = String(await counters.update(room.key, (n) => (n ?? 0) + 1))
  const notice: TimedNotice = {
    roomKey: room.key,
    id,
    cron: read.timetable.cron,
    label: read.timetable.label,
    text,
    by: call.msg.sender as MemberRef,
    createdAt: ctx.clock.now().toISOString(),
  }
  await timed.set(`${room.key}#${id}`, notice)
  deps.arm(notice)
  const findings = lintNotice(text, config).length
  await call.reply(
    ctx.render('notices/scheduled.njk', {
      ...notice,
      next: timeText(deps, nextRun(read.timetable, ctx.clock.now(), ctx.clock.timeZone)),
      findings,
    }),
  )
}

async function list(deps: NoticeDeps, call: CommandInvocation): Promise<void> {
  const { ctx, timed } = deps
  const room = roomOf(call)
  const now = ctx.clock.now()
  const notices = timed
    .values()
    .filter((n) => n.roomKey === room.key)
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((n) => ({
      ...n,
      next: timeText(deps, nextRun(n, now, ctx.clock.timeZone)),
      preview: truncateChars(n.text.replace(/\s+/gu, ' '), 24),
      cut: Array.from(n.text).length > 24,
    }))
  await call.reply(ctx.render('notices/list.njk', { notices }))
}

async function cancel(deps: NoticeDeps, call: CommandInvocation): Promise<void> {
  const room = roomOf(call)
  const id = (call.args[0] ?? '').replace(/^#/, '')
  const notice = deps.timed.get(`${room.key}#${id}`)
  if (!notice) throw new UserFacingError('notices.not-found', { id: call.args[0] ?? '' })
  await deps.timed.delete(`${room.key}#${id}`)
  await deps.ctx.schedule.cancel(jobIdOf(notice))
  await call.reply(deps.ctx.render('notices/cancelled.njk', notice))
}
