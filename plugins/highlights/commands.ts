import type { CommandInvocation, CommandSpec } from '../../src/index.js'
import { roomOf, UserFacingError } from '../../src/index.js'
import { truncateChars } from '../../src/text/trim.js'
import { localDateTime, startOfDay } from '../../src/time/zoned.js'
import { type HighlightDeps, view, writeHighlight } from './publish.js'
import { parseRecapRange, rangeStart } from './recap-range.js'
import { latestOf } from './records.js'
import { approveOne, dropOne, editOne, retitleOne, waitingOne } from './review.js'

const TITLE_MAX = 30

const timeText = (deps: HighlightDeps, iso: string) => localDateTime(new Date(iso), deps.ctx.clock.timeZone)

/** `/话题 TITLE` opens a discussion, `/话题 结束` closes it with its highlight, `/话题` says what is open. */
export function topicCommand(deps: HighlightDeps): CommandSpec {
  return {
    name: 'topic',
    aliases: ['话题'],
    description: '开一个讨论话题；结束时自动整理成精华',
    usage: '/话题 标题 · /话题 结束',
    example: '/话题 怎样坚持早起',
    role: 'leader',
    scope: 'room',
    subcommands: [
      {
        // 「/话题 开始 周末读书安排」 is how many leaders say it: the verb is not part of the title.
        name: '开始',
        aliases: ['开启', 'start'],
        description: '开一个话题，和「/话题 标题」一样',
        run: (call) => openTopic(deps, call),
      },
      {
        name: '结束',
        aliases: ['end', '关闭', '结束话题'],
        description: '结束当前话题，整理精华',
        run: (call) => closeTopic(deps, roomOf(call).key, call),
      },
    ],
    run: (call) => openTopic(deps, call),
  }
}

async function openTopic(deps: HighlightDeps, call: CommandInvocation): Promise<void> {
  const { ctx, tables, config } = deps
  const room = roomOf(call)
  const open = tables.topics.get(room.key)
  const title = truncateChars(call.rest.replace(/\s+/gu, ' ').trim(), TITLE_MAX)
  if (title === '') {
    await call.reply(
      ctx.render('highlights/topic-status.njk', {
        open,
        openedAtText: open && timeText(deps, open.openedAt),
      }),
    )
    return
  }
  if (open)
    throw new UserFacingError('highlights.topic-open', {
      ...open,
      openedAtText: timeText(deps, open.openedAt),
    })
  const now = ctx.clock.now()
  await tables.topics.set(room.key, { title, openedAt: now.toISOString(), openedBy: call.msg.sender })
  const due = new Date(now.getTime() + config.autoCloseHours * 3_600_000)
  await ctx.schedule.at('auto-close', `auto-close:${room.key}`, due, { roomKey: room.key })
  await call.reply(ctx.render('highlights/topic-opened.njk', { title, hours: config.autoCloseHours }))
}

/**
 * Closes the room's topic and writes its highlight; from `/话题 结束` (`call`) or the auto-close timer. The
 * topic is closed before the summary is made, so a second `/话题 结束` meanwhile finds nothing open.
 */
export async function closeTopic(
  deps: HighlightDeps,
  roomKey: string,
  call?: CommandInvocation,
): Promise<void> {
  const { ctx, tables } = deps
  const say = (text: string) => (call ? call.reply(text) : ctx.send(roomKey, text))
  const open = tables.topics.get(roomKey)
  if (!open) {
    if (call) throw new UserFacingError('highlights.no-topic')
    return
  }
  await tables.topics.delete(roomKey)
  await ctx.schedule.cancel(`auto-close:${roomKey}`)
  if (!call) await say(ctx.render('highlights/auto-closed.njk', { ...open }))
  const entries = await ctx.history.between(roomKey, new Date(open.openedAt))
  const record = await writeHighlight(deps, {
    roomKey,
    kind: 'topic',
    title: open.title,
    entries: entries.filter((e) => e.id !== call?.msg.id),
    by: call?.msg.sender ?? open.openedBy,
    say,
  })
  if (!record) await say(ctx.render('highlights/nothing.njk', { title: open.title }))
}

/** `/总结 [2h|今天|50条]`: recent chat, read on from where the last one stopped. */
export function recapCommand(deps: HighlightDeps): CommandSpec {
  return {
    name: 'recap',
    aliases: ['总结'],
    description: '把最近的聊天整理成精华（从上次总结之后接着算）',
    usage: '/总结 [2h|今天|50条]',
    example: '/总结 2h',
    role: 'leader',
    scope: 'room',
    run: (call) => recap(deps, call),
  }
}

async function recap(deps: HighlightDeps, call: CommandInvocation): Promise<void> {
  const { ctx, tables } = deps
  const room = roomOf(call)
  const range = parseRecapRange(call.rest)
  if (!range) throw new UserFacingError('highlights.bad-range', { typed: call.rest.trim() })
  const now = ctx.clock.now()
  const since = rangeStart(range, now, startOfDay(now, ctx.clock.timeZone))
  const read = await ctx.history.after(room.key, tables.cursors.get(room.key), since)
  const upTo = read.filter((e) => e.id !== call.msg.id)
  const entries = range.kind === 'count' ? upTo.slice(-range.count) : upTo
  const last = read[read.length - 1]
  const record = await writeHighlight(deps, {
    roomKey: room.key,
    kind: 'recap',
    entries,
    by: call.msg.sender,
    say: call.reply,
  })
  // Moved only once the highlight is written: a failure leaves these messages for the next /总结.
  if (last) await tables.cursors.set(room.key, last.position)
  if (!record) await call.reply(ctx.render('highlights/nothing-new.njk', { range }))
}

/** `/精华` and its review and privacy subcommands. */
export function highlightsCommand(deps: HighlightDeps): CommandSpec {
  const byId =
    (action: (call: CommandInvocation, id: string) => Promise<void>) => (call: CommandInvocation) => {
      const id = (call.args[0] ?? '').replace(/^#/, '')
      if (!/^\d+$/.test(id)) throw new UserFacingError('highlights.need-id', { typed: call.args[0] ?? '' })
      return action(call, id)
    }
  return {
    name: 'highlights',
    aliases: ['精华'],
    description: '看本群的精华；管理员审核',
    usage: '/精华 · /精华 编号 · /精华 不引用我',
    example: '/精华 3',
    scope: 'any',
    readOnly: true,
    subcommands: [
      {
        name: '审核',
        aliases: ['review', '待审核'],
        role: 'admin',
        description: '看等待审核的精华',
        run: (call) => listWaiting(deps, call),
      },
      {
        name: '通过',
        aliases: ['approve', '发布'],
        role: 'admin',
        usage: '/精华 通过 编号',
        description: '审核通过，发到群里',
        run: byId((call, id) => approve(deps, call, id)),
      },
      {
        name: '删除',
        aliases: ['drop', '不发'],
        role: 'admin',
        usage: '/精华 删除 编号',
        description: '不发这条精华',
        run: byId((call, id) => drop(deps, call, id)),
      },
      {
        name: '修改',
        aliases: ['edit', '改'],
        role: 'admin',
        usage: '/精华 修改 编号 第几条 新内容 · /精华 修改 编号 标题 新标题',
        description: '改一条要点或金句（新内容留空就删掉这一条），或改标题',
        run: byId((call, id) => edit(deps, call, id)),
      },
      {
        name: '不引用我',
        aliases: ['匿名'],
        description: '以后的精华不写出我的名字（积分照算）',
        run: (call) => setOptOut(deps, call, true),
      },
      {
        name: '引用我',
        aliases: ['可以引用我'],
        description: '恢复在精华里署名',
        run: (call) => setOptOut(deps, call, false),
      },
    ],
    run: (call) => (call.args[0] ? show(deps, call, call.args[0].replace(/^#/, '')) : list(deps, call)),
  }
}

/** A highlight the caller may see: this room's, or any room's for an admin in private. */
function visible(deps: HighlightDeps, call: CommandInvocation, id: string) {
  const record = deps.tables.records.get(id)
  const here = call.msg.room?.key
  const allowed = record && (here ? record.roomKey === here : call.role === 'admin')
  if (!allowed || record.status === 'dropped') throw new UserFacingError('highlights.not-found', { id })
  return record
}

async function list(deps: HighlightDeps, call: CommandInvocation): Promise<void> {
  const { ctx, tables } = deps
  const here = call.msg.room?.key
  if (!here && call.role !== 'admin') throw new UserFacingError('highlights.in-room-only')
  const records = tables.records
    .values()
    .filter((r) => r.status === 'posted' && (!here || r.roomKey === here))
  const waiting = tables.records
    .values()
    .filter((r) => r.status === 'waiting' && (!here || r.roomKey === here))
  await call.reply(
    ctx.render('highlights/list.njk', {
      records: latestOf(records, 8).map((r) => view(deps, r)),
      waiting: call.role === 'member' ? 0 : waiting.length,
      everyRoom: !here,
    }),
  )
}

async function show(deps: HighlightDeps, call: CommandInvocation, id: string): Promise<void> {
  if (!/^\d+$/.test(id)) throw new UserFacingError('highlights.need-id', { typed: id })
  const record = visible(deps, call, id)
  if (record.status === 'waiting' && call.role === 'member')
    throw new UserFacingError('highlights.not-found', { id })
  await call.reply(deps.ctx.render('highlights/short.njk', { ...view(deps, record), showWaiting: true }))
}

async function listWaiting(deps: HighlightDeps, call: CommandInvocation): Promise<void> {
  const here = call.msg.room?.key
  const waiting = deps.tables.records
    .values()
    .filter((r) => r.status === 'waiting' && (!here || r.roomKey === here))
  await call.reply(
    deps.ctx.render('highlights/review-list.njk', {
      records: latestOf(waiting, 10).map((r) => view(deps, r)),
      everyRoom: !here,
    }),
  )
}

async function approve(deps: HighlightDeps, call: CommandInvocation, id: string): Promise<void> {
  const record = await approveOne(deps, waitingOne(deps, id, call.msg.room?.key), call.msg.sender.name)
  if (call.msg.room?.key !== record.roomKey)
    await call.reply(deps.ctx.render('highlights/approved.njk', { ...record }))
}

async function drop(deps: HighlightDeps, call: CommandInvocation, id: string): Promise<void> {
  const record = await dropOne(deps, waitingOne(deps, id, call.msg.room?.key), call.msg.sender.name)
  await call.reply(deps.ctx.render('highlights/dropped.njk', { ...record }))
}

/** Words that make `/精华 修改 1 标题 新标题` change the title rather than a numbered line. */
const TITLE_WORDS = new Set(['标题', '题目', 'title'])

async function edit(deps: HighlightDeps, call: CommandInvocation, id: string): Promise<void> {
  const text = call.rest.replace(/^\S+\s+\S+\s*/u, '').trim()
  const record = waitingOne(deps, id, call.msg.room?.key)
  if (TITLE_WORDS.has(call.args[1] ?? '')) {
    const changed = await retitleOne(deps, record, text, call.msg.sender.name)
    await call.reply(deps.ctx.render('highlights/retitled.njk', view(deps, changed)))
    return
  }
  const line = Number((call.args[1] ?? '').replace(/^第|条$/gu, ''))
  const changed = await editOne(deps, record, line, text, call.msg.sender.name)
  await call.reply(
    deps.ctx.render('highlights/edited.njk', { ...view(deps, changed), line, removed: text === '' }),
  )
}

async function setOptOut(deps: HighlightDeps, call: CommandInvocation, out: boolean): Promise<void> {
  const { key, name } = call.msg.sender
  if (out) await deps.tables.optedOut.set(key, { name })
  else await deps.tables.optedOut.delete(key)
  await call.reply(deps.ctx.render('highlights/opt-out.njk', { out, name }))
}
