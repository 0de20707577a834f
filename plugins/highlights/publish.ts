import { join } from 'node:path'
import {
  type HistoryEntry,
  type MemberRef,
  type PluginContext,
  positionAfter,
  type Table,
} from '../../src/index.js'
import { localDate, localDateTime } from '../../src/time/zoned.js'
import type { HighlightsConfig } from './config.js'
import type { Summary } from './highlight.js'
import type { HighlightRecord, OpenTopic } from './records.js'
import { sanitiseSummary } from './sanitise.js'
import type { WordScreen } from './screen.js'
import { type Discussion, discussionOf } from './turns.js'

/** What writing a highlight needs; the plugin's index wires it. */
export interface HighlightDeps {
  ctx: PluginContext
  config: HighlightsConfig
  tables: {
    records: Table<HighlightRecord>
    topics: Table<OpenTopic>
    /** by room: the log position the last /总结 read up to */
    cursors: Table<string>
    /** by member key: asked not to be quoted by name */
    optedOut: Table<{ name: string }>
    counter: Table<number>
    /** by `room|member`: the log position of the member's last message already paid for with contributor points */
    paidThrough: Table<string>
  }
  screen(): WordScreen
  /** The model when one is configured and answers, else the offline summariser; never rejects. */
  summarise(
    discussion: Discussion,
    title: string | undefined,
  ): Promise<{ summary: Summary; offline: boolean }>
}

export interface HighlightRequest {
  roomKey: string
  kind: HighlightRecord['kind']
  title?: string
  entries: HistoryEntry[]
  by: MemberRef
  /** where "working on it" goes: the asker's conversation, or the room for a timer */
  say(text: string): Promise<void>
}

/** How a member who asked not to be named appears. */
export const anonymousName = (deps: HighlightDeps) => deps.ctx.render('highlights/anonymous.njk').trim()

/** Whether the room's highlights wait for an admin (config), before the word screen has its say. */
export function reviewsIn(config: HighlightsConfig, roomTopic: string): boolean {
  return Array.isArray(config.review) ? config.review.includes(roomTopic) : config.review
}

/**
 * Summarises a discussion, files it in the archive and posts it (or queues it for review). Resolves with the
 * record, or undefined when there was nothing to summarise (no member said anything in words).
 */
export async function writeHighlight(
  deps: HighlightDeps,
  request: HighlightRequest,
): Promise<HighlightRecord | undefined> {
  const { ctx, config, tables } = deps
  const checkins = ctx.use<{ isCheckin(text: string): boolean }>('checkin.messages')
  const discussion = discussionOf(request.entries, checkins?.isCheckin)
  if (discussion.turns.length === 0) return undefined
  if (discussion.messageCount >= config.progressAfter) {
    await request.say(ctx.render('highlights/working.njk', { count: discussion.messageCount }))
  }
  const roomTopic = (await ctx.rooms.topic(request.roomKey)) ?? ''
  const made = await deps.summarise(discussion, request.title)
  const members = await ctx.rooms.members(request.roomKey)
  const optedOut = new Set(
    discussion.contributors.filter((c) => c.key && tables.optedOut.has(c.key)).map((c) => c.name),
  )
  const summary = sanitiseSummary(
    { ...made.summary, contributors: discussion.contributors.map((c) => c.name) },
    discussion.turns,
    {
      optedOut,
      anonymous: anonymousName(deps),
      members: new Set(members.map((m) => m.name)),
      maxChars: config.maxChars,
    },
  )
  if (request.title) summary.title = request.title
  const flagged = deps.screen().findInSummary(summary)
  const now = ctx.clock.now()
  const id = String(await tables.counter.update('next', (n) => (n ?? 0) + 1))
  const record: HighlightRecord = {
    id,
    roomKey: request.roomKey,
    roomTopic,
    kind: request.kind,
    summary,
    contributors: discussion.contributors,
    messageCount: discussion.messageCount,
    offline: made.offline,
    from: (discussion.from ?? now).toISOString(),
    to: (discussion.to ?? now).toISOString(),
    createdAt: now.toISOString(),
    by: request.by,
    status: flagged.length > 0 || reviewsIn(config, roomTopic) ? 'waiting' : 'posted',
    flagged,
  }
  record.file = `${ctx.files.nameFor(record.roomKey)}/${localDate(now, ctx.clock.timeZone)}-${id}.md`
  await tables.records.set(id, record)
  await fileRecord(deps, record)
  if (record.status === 'posted') await postToRoom(deps, record)
  else await ctx.send(record.roomKey, ctx.render('highlights/held.njk', { ...view(deps, record) }))
  await deliverToOps(deps, record)
  return record
}

/** The contributors as members may see them: those who asked not to be quoted, anonymous. */
export function shownContributors(deps: HighlightDeps, record: HighlightRecord) {
  return record.contributors.map((c) => ({
    ...c,
    name: c.key && deps.tables.optedOut.has(c.key) ? anonymousName(deps) : c.name,
  }))
}

/** The record as templates see it: the short text's parts, and how to find it again. */
export function view(deps: HighlightDeps, record: HighlightRecord) {
  return {
    ...record,
    ...record.summary,
    contributors: shownContributors(deps, record),
    day: localDate(new Date(record.createdAt), deps.ctx.clock.timeZone),
    fromText: localDateTime(new Date(record.from), deps.ctx.clock.timeZone),
    toText: localDateTime(new Date(record.to), deps.ctx.clock.timeZone),
  }
}

/** Posts the short version in its room and pays the contributors. */
export async function postToRoom(deps: HighlightDeps, record: HighlightRecord): Promise<void> {
  const { ctx, config } = deps
  await ctx.send(record.roomKey, ctx.render('highlights/short.njk', view(deps, record)))
  if (config.contributorPoints === 0) return
  for (const contributor of record.contributors) {
    if (!contributor.key) continue
    // A /总结 over a closed topic's messages (or the other way round) pays only for words not paid for yet.
    const paidKey = `${record.roomKey}|${contributor.key}`
    const paidThrough = deps.tables.paidThrough.get(paidKey)
    const last = contributor.lastPosition
    if (last && paidThrough && !positionAfter(last, paidThrough)) continue
    if (last) await deps.tables.paidThrough.set(paidKey, last)
    await ctx.points.add(
      record.roomKey,
      { key: contributor.key, name: contributor.name },
      config.contributorPoints,
      '精华贡献',
    )
  }
}

/** Ops staff collect highlights: in their room when one is configured, else each admin in private. */
export async function deliverToOps(deps: HighlightDeps, record: HighlightRecord): Promise<void> {
  const { ctx, config } = deps
  const path = record.file && ctx.files.folder ? join(ctx.files.folder, record.file) : record.file
  const text = ctx.render('highlights/ops.njk', { ...view(deps, record), path })
  if (config.opsRoom !== '') {
    const room = (await ctx.rooms.list()).find((r) => r.topic === config.opsRoom)
    if (room) {
      if (room.key !== record.roomKey) await ctx.send(room.key, text, { origin: 'scheduled' })
      return
    }
    ctx.logger.warn(
      { opsRoom: config.opsRoom },
      'ops room not found; sending highlights to the admins instead',
    )
  }
  for (const admin of await ctx.rooms.admins()) await ctx.sendDirect(admin.key, text, { origin: 'scheduled' })
}

/** Writes the record's Markdown file and both indexes again (after any change of status or text). */
export async function fileRecord(deps: HighlightDeps, record: HighlightRecord): Promise<void> {
  const { ctx, tables } = deps
  if (record.file)
    await ctx.files.write(record.file, ctx.render('highlights/archive.md.njk', view(deps, record)))
  const all = tables.records
    .values()
    .filter((r) => r.status !== 'dropped')
    .sort((a, b) => Number(b.id) - Number(a.id))
  const inRoom = all.filter((r) => r.roomKey === record.roomKey)
  const folder = ctx.files.nameFor(record.roomKey)
  const entry = (r: HighlightRecord) => ({ ...view(deps, r), link: r.file })
  await ctx.files.write(
    `${folder}/index.md`,
    ctx.render('highlights/room-index.md.njk', {
      roomTopic: record.roomTopic,
      records: inRoom.map((r) => ({ ...entry(r), link: r.file?.slice(folder.length + 1) })),
    }),
  )
  const rooms = new Map<string, { topic: string; records: ReturnType<typeof entry>[] }>()
  for (const r of all) {
    const room = rooms.get(r.roomKey) ?? { topic: r.roomTopic, records: [] }
    room.records.push(entry(r))
    rooms.set(r.roomKey, room)
  }
  await ctx.files.write('index.md', ctx.render('highlights/index.md.njk', { rooms: [...rooms.values()] }))
}
