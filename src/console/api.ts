import type { Context, Hono } from 'hono'
import { localDate } from '../time/zoned.js'
import type { ConsoleEnv, ConsoleParts } from './app.js'
import { exportFileName, toCsv } from './export.js'
import { type ListQuery, parseListQuery } from './query.js'
import type { HighlightEntry } from './sources.js'
import { consoleWords, fill } from './views.js'

/**
 * The JSON API for ops scripts: the same data as the pages, the same sign-in (the console token as
 * `Authorization: Bearer TOKEN`, or a signed-in browser).
 */

export function badQuery(c: Context, problems: string[]) {
  return c.json({ error: 'bad-query', message: consoleWords().api.badQuery, problems }, 400)
}

/** A highlight as the API gives it: plain fields, no internal keys beyond the room's. */
function apiEntry(e: HighlightEntry) {
  return {
    id: e.id,
    room: { key: e.roomKey, name: e.roomTopic },
    kind: e.kind,
    status: e.status,
    title: e.summary.title,
    points: e.summary.points,
    quotes: e.summary.quotes,
    questions: e.summary.questions,
    contributors: e.contributors.map((c) => ({ name: c.name, messages: c.messages })),
    messageCount: e.messageCount,
    offline: e.offline,
    from: e.from,
    to: e.to,
    createdAt: e.createdAt,
    flagged: e.flagged,
    reviewedBy: e.reviewedBy,
    reviewedAt: e.reviewedAt,
  }
}

/** The whole selection (no paging) as a download, Markdown or CSV. */
export async function sendExport(c: Context<ConsoleEnv>, parts: ConsoleParts, query: ListQuery) {
  const { data, views } = parts
  const format = query.format ?? 'md'
  // With names as members may see them: the same as the pages show.
  const entries = (await data.select(query.filters)).map((e) => data.entry(e.id) ?? e)
  const day = localDate(data.backend.clock.now(), data.timeZone)
  const name = exportFileName(format, day)
  c.header('Content-Disposition', `attachment; filename="${name}"`)
  if (format === 'csv') {
    const words = consoleWords()
    const csv = toCsv(
      entries,
      { headings: words.csvHeadings, status: words.status, kind: words.kind },
      data.timeZone,
    )
    c.header('Content-Type', 'text/csv; charset=utf-8')
    return c.body(csv)
  }
  c.header('Content-Type', 'text/markdown; charset=utf-8')
  return c.body(views.markdown('export/highlights.md.njk', { entries, filters: query.filters, day }))
}

export function registerApi(app: Hono<ConsoleEnv>, parts: ConsoleParts): void {
  const { data } = parts

  app.get('/api/highlights', async (c) => {
    const query = parseListQuery(c.req.query())
    if (!query.ok) return badQuery(c, query.problems)
    const { filters, page, size } = query.value
    const result = await data.selectPage(filters, page, size)
    return c.json({ ...result, items: result.items.map((e) => apiEntry(data.entry(e.id) ?? e)) })
  })

  app.get('/api/highlights/export', (c) => {
    const query = parseListQuery(c.req.query())
    if (!query.ok) return badQuery(c, query.problems)
    return sendExport(c, parts, query.value)
  })

  app.get('/api/highlights/:id', (c) => {
    const entry = data.entry(c.req.param('id'))
    if (!entry) return c.json({ error: 'not-found', message: consoleWords().api.notFound }, 404)
    return c.json(apiEntry(entry))
  })

  app.get('/api/rooms', async (c) => c.json({ rooms: await data.rooms() }))

  app.get('/api/rooms/:room/figures', async (c) => {
    const wanted = c.req.param('room')
    const room = wanted.length <= 200 ? await data.room(wanted) : undefined
    if (!room) {
      const message = fill(consoleWords().api.roomNotFound, { room: wanted.slice(0, 200) })
      return c.json({ error: 'room-not-found', message }, 404)
    }
    const figures = await data.figures(room.key)
    if (!figures) return c.json({ error: 'figures-off', message: consoleWords().api.figuresOff }, 503)
    return c.json({ room, figures })
  })
}
