import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { registerApi } from './api.js'
import { registerAssets } from './assets.js'
import { type ConsoleAuth, SESSION_COOKIE, type Session, sameSecret } from './auth.js'
import type { ConsoleData } from './data.js'
import { registerPages } from './pages.js'
import { type ConsoleViews, consoleWords, fill } from './views.js'

export type ConsoleEnv = { Variables: { session?: Session; admin: string } }

export interface ConsoleParts {
  data: ConsoleData
  auth: ConsoleAuth
  views: ConsoleViews
}

/**
 * No inline script or style anywhere, scripts and styles only from the console itself: chat text that
 * slipped through escaping still could not run.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  c.header('Content-Security-Policy', CSP)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('X-Frame-Options', 'DENY')
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts, which the
  // sign-in's origin check must refuse.
  c.header('Referrer-Policy', 'same-origin')
  c.header('Cross-Origin-Opener-Policy', 'same-origin')
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
}

/** The client's address, the unit wrong tokens are counted by. */
export function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/')

/** 429 with Retry-After, as JSON for the API and as the login page otherwise. */
export function tooMany(c: Context, parts: ConsoleParts, seconds: number) {
  c.header('Retry-After', String(seconds))
  const message = fill(consoleWords().api.tooMany, { seconds })
  if (isApi(c)) return c.json({ error: 'too-many-attempts', message }, 429)
  return c.html(parts.views.page('login.njk', { error: message, admins: parts.auth.admins }), 429)
}

/**
 * Every page and API answer needs a signed-in session (cookie) or, for the API, the token as a Bearer
 * header. Without either: 401, and not a byte of data.
 */
function requireSignIn(parts: ConsoleParts): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = parts.auth.session(getCookie(c, SESSION_COOKIE))
    if (session) {
      c.set('session', session)
      c.set('admin', session.admin)
      return next()
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1]
    if (isApi(c) && bearer !== undefined) {
      const client = clientOf(c)
      const wait = parts.auth.retryAfter(client)
      if (wait > 0) return tooMany(c, parts, wait)
      if (parts.auth.checkToken(client, bearer)) {
        c.set('admin', 'API')
        return next()
      }
    }
    if (isApi(c)) {
      c.header('WWW-Authenticate', 'Bearer realm="qunbot-console"')
      return c.json({ error: 'unauthorized', message: consoleWords().api.unauthorized }, 401)
    }
    return c.html(parts.views.page('login.njk', { admins: parts.auth.admins, next: c.req.path }), 401)
  }
}

/**
 * A state-changing request from a signed-in browser must carry the session's CSRF token (form field `_csrf`
 * or header `X-CSRF-Token`): another site's page cannot know it.
 */
function requireCsrf(parts: ConsoleParts): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const session = c.get('session')
    let given = c.req.header('X-CSRF-Token')
    if (given === undefined && session) {
      const type = c.req.header('Content-Type') ?? ''
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        const form = await c.req.parseBody()
        given = typeof form._csrf === 'string' ? form._csrf : undefined
      }
    }
    if (!session || given === undefined || !sameSecret(given, session.csrf)) {
      const message = consoleWords().api.csrf
      if (isApi(c)) return c.json({ error: 'csrf', message }, 403)
      return c.html(parts.views.page('error.njk', { message, admin: session?.admin, path: c.req.path }), 403)
    }
    return next()
  }
}

/** The console as one Hono app: assets and the sign-in page are open, everything else needs a sign-in. */
export function createConsoleApp(parts: ConsoleParts): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>()
  app.use('*', securityHeaders)
  // The console's forms are a few short fields: anything bigger is refused before it is read.
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('', 413) }))
  app.onError((error, c) => {
    parts.data.backend.logger.error({ err: error, path: c.req.path }, 'console request failed')
    const message = consoleWords().api.failed
    if (isApi(c)) return c.json({ error: 'failed', message }, 500)
    return c.html(parts.views.page('error.njk', { message }), 500)
  })
  registerAssets(app)
  registerPages.open(app, parts)
  app.use('*', requireSignIn(parts))
  app.use('*', requireCsrf(parts))
  registerApi(app, parts)
  registerPages.signedIn(app, parts)
  app.notFound((c) => {
    const message = consoleWords().api.notFound
    if (isApi(c)) return c.json({ error: 'not-found', message }, 404)
    return c.html(parts.views.page('error.njk', { message, admin: c.get('admin') }), 404)
  })
  return app
}
