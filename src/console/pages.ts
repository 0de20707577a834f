import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { sendExport } from './api.js'
import { type ConsoleEnv, type ConsoleParts, clientOf, tooMany } from './app.js'
import { SESSION_COOKIE } from './auth.js'
import { pageOf, parseListQuery } from './query.js'
import type { HighlightEntry, ReviewOutcome } from './sources.js'

type Ctx = Context<ConsoleEnv>

/** Only a path of this console: a sign-in never sends the browser elsewhere. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])[\w\-./%?=&]*$/.test(next) && !next.startsWith('/login')
    ? next
    : '/highlights'

/** A form posted from another site's page is refused before anything is read. */
function sameOrigin(c: Ctx): boolean {
  const origin = c.req.header('Origin')
  if (origin === undefined || origin === 'null') return origin === undefined
  try {
    return new URL(origin).host === new URL(c.req.url).host
  } catch {
    return false
  }
}

/** Renders a signed-in page: the navigation knows the admin, the CSRF token and the review queue's length. */
async function page(c: Ctx, parts: ConsoleParts, name: string, vars: Record<string, unknown>, status = 200) {
  const session = c.get('session')
  const flash = session?.flash
  if (session) session.flash = undefined
  const html = parts.views.page(name, {
    admin: c.get('admin'),
    csrf: session?.csrf,
    waitingCount: (await parts.data.waiting()).length,
    path: c.req.path,
    flash,
    ...vars,
  })
  return c.html(html, status as 200)
}

const REVIEW_PAGE_SIZE = 20

/** Lines of a highlight as the review numbers them: the points, then the quotes. */
function reviewLines(entry: HighlightEntry) {
  return [
    ...entry.summary.points.map((text) => ({ text, speaker: undefined })),
    ...entry.summary.quotes.map((q) => ({ text: q.text, speaker: q.speaker })),
  ].map((line, i) => ({ ...line, n: i + 1 }))
}

const open = (app: Hono<ConsoleEnv>, parts: ConsoleParts) => {
  app.get('/login', (c) => {
    if (parts.auth.session(getCookie(c, SESSION_COOKIE))) return c.redirect('/highlights', 303)
    return c.html(parts.views.page('login.njk', { admins: parts.auth.admins, next: c.req.query('next') }))
  })

  app.post('/login', async (c) => {
    if (!sameOrigin(c)) return c.html(parts.views.page('login.njk', { admins: parts.auth.admins }), 403)
    const client = clientOf(c)
    const wait = parts.auth.retryAfter(client)
    if (wait > 0) return tooMany(c, parts, wait)
    const form = await c.req.parseBody()
    const text = (v: unknown) => (typeof v === 'string' ? v : '')
    const session = parts.auth.signIn(client, text(form.name), text(form.token).trim())
    if (!session) {
      const retry = parts.auth.retryAfter(client)
      if (retry > 0) return tooMany(c, parts, retry)
      const vars = { admins: parts.auth.admins, failed: true, name: text(form.name), next: text(form.next) }
      return c.html(parts.views.page('login.njk', vars), 401)
    }
    setCookie(c, SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: 12 * 3600,
    })
    return c.redirect(safeNext(form.next), 303)
  })
}

const signedIn = (app: Hono<ConsoleEnv>, parts: ConsoleParts) => {
  const { data } = parts

  app.get('/', (c) => c.redirect('/highlights', 303))

  app.post('/logout', (c) => {
    const session = c.get('session')
    if (session) parts.auth.signOut(session.id)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/login', 303)
  })

  app.get('/highlights', async (c) => {
    const query = parseListQuery(c.req.query())
    if (!query.ok) return page(c, parts, 'error.njk', { problems: query.problems }, 400)
    const { filters, page: n, size } = query.value
    const params = new URLSearchParams(
      Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    return page(c, parts, 'highlights.njk', {
      off: !data.desk(),
      result: await data.selectPage(filters, n, size),
      filters,
      rooms: await data.rooms(),
      query: params.toString(),
    })
  })

  app.get('/highlights/export', (c) => {
    const query = parseListQuery(c.req.query())
    if (!query.ok) return page(c, parts, 'error.njk', { problems: query.problems }, 400)
    return sendExport(c, parts, query.value)
  })

  app.get('/highlights/:id', (c) => {
    const entry = data.entry(c.req.param('id'))
    if (!entry) return c.notFound()
    return page(c, parts, 'highlight.njk', { entry, lines: reviewLines(entry) })
  })

  // A page at a time: after a busy weekend the queue can hold hundreds.
  app.get('/review', async (c) => {
    const query = parseListQuery({ page: c.req.query('page') ?? '1' })
    if (!query.ok) return page(c, parts, 'error.njk', { problems: query.problems }, 400)
    const result = pageOf(await data.waiting(), query.value.page, REVIEW_PAGE_SIZE)
    return page(c, parts, 'review.njk', {
      off: !data.desk(),
      result,
      entries: result.items.map((entry) => ({ entry, lines: reviewLines(entry) })),
    })
  })

  const act =
    (
      done: 'approved' | 'dropped' | 'edited',
      action: (
        id: string,
        form: Record<string, unknown>,
        admin: string,
      ) => Promise<ReviewOutcome> | undefined,
    ) =>
    async (c: Ctx) => {
      const form = await c.req.parseBody()
      const outcome = await action(c.req.param('id') ?? '', form, c.get('admin'))
      const session = c.get('session')
      if (session && outcome) {
        session.flash = outcome.ok
          ? { ok: true, done, id: outcome.entry.id, title: outcome.entry.summary.title }
          : { ok: false, text: outcome.message }
      }
      const back = typeof form.back === 'string' ? safeNext(form.back) : '/review'
      return c.redirect(back, 303)
    }

  app.post(
    '/review/:id/approve',
    act('approved', (id, _form, admin) => data.desk()?.approve(id, admin)),
  )
  app.post(
    '/review/:id/drop',
    act('dropped', (id, _form, admin) => data.desk()?.drop(id, admin)),
  )
  app.post(
    '/review/:id/edit',
    act('edited', (id, form, admin) =>
      data
        .desk()
        ?.editLine(id, Number(form.line), typeof form.text === 'string' ? form.text.trim() : '', admin),
    ),
  )

  app.post(
    '/review/:id/title',
    act('edited', (id, form, admin) =>
      data.desk()?.retitle(id, typeof form.title === 'string' ? form.title : '', admin),
    ),
  )

  app.get('/rooms', async (c) => {
    const counts = new Map<string, { posted: number; waiting: number }>()
    for (const entry of await data.select({})) {
      const count = counts.get(entry.roomKey) ?? { posted: 0, waiting: 0 }
      count[entry.status === 'waiting' ? 'waiting' : 'posted']++
      counts.set(entry.roomKey, count)
    }
    const rooms = (await data.rooms()).map((room) => ({
      ...room,
      ...(counts.get(room.key) ?? { posted: 0, waiting: 0 }),
    }))
    return page(c, parts, 'rooms.njk', { rooms })
  })

  app.get('/rooms/:room', async (c) => {
    const room = await data.room(c.req.param('room'))
    if (!room) return c.notFound()
    const figures = await data.figures(room.key)
    return page(c, parts, 'room.njk', {
      room,
      figures,
      schedules: data.schedules(room.key),
      latest: (await data.select({ room: room.key })).slice(0, 5),
    })
  })

  app.get('/outbox', async (c) => page(c, parts, 'outbox.njk', await data.outbox()))
}

export const registerPages = { open, signedIn }
