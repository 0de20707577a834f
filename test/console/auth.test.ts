import { afterEach, describe, expect, it } from 'vitest'
import { sameSecret } from '../../src/console/auth.js'
import { ADMIN, ConsoleHarness, json, TOKEN } from './support.js'

let h: ConsoleHarness | undefined
afterEach(async () => {
  await h?.stop()
  h = undefined
})

const PAGES = [
  '/',
  '/highlights',
  '/highlights/1',
  '/highlights/export?format=csv',
  '/review',
  '/rooms',
  '/rooms/x',
  '/outbox',
]
const API = [
  '/api/highlights',
  '/api/highlights?q=早起',
  '/api/highlights/export?format=md',
  '/api/highlights/1',
  '/api/rooms',
  '/api/rooms/训练营1组/figures',
]

describe('signing in to the console', () => {
  it('answers every page and API route with 401 and no data before sign-in', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    for (const path of [...PAGES, ...API]) {
      const response = await h.fetch(path)
      expect(response.status, path).toBe(401)
      const body = await response.text()
      expect(body, path).not.toContain('早起最难')
      expect(body, path).not.toContain('训练营1组')
    }
    const api = await h.fetch('/api/highlights')
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await json(api)).toMatchObject({ error: 'unauthorized' })
    // A POST without a session changes nothing either.
    expect((await h.fetch('/review/1/approve', { method: 'POST' })).status).toBe(401)
  })

  it('shows the sign-in form with a 401, and signs an admin in with the token into an HttpOnly, SameSite=Strict cookie', async () => {
    h = await ConsoleHarness.start()
    const form = await h.fetch('/highlights')
    expect(await form.text()).toContain('登录口令')
    const response = await h.login()
    expect(response.status).toBe(303)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).not.toContain(TOKEN)
    const page = await h.get('/highlights')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(ADMIN)
  })

  it('refuses a wrong token or a name that is not an admin', async () => {
    h = await ConsoleHarness.start()
    expect((await h.login(ADMIN, 'wrong-token-wrong-token')).status).toBe(401)
    expect((await h.login('小明', TOKEN)).status).toBe(401)
    expect(h.cookie).toBe('')
  })

  it('slows a client down after five wrong tokens in a minute: 429 with Retry-After, even for the right one', async () => {
    h = await ConsoleHarness.start()
    for (let i = 0; i < 5; i++) expect((await h.login(ADMIN, `wrong-${i}-000000000000`)).status).not.toBe(303)
    const blocked = await h.login(ADMIN, TOKEN)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await blocked.text()).toMatch(/秒后再试/)
    const api = await h.api('/api/highlights')
    expect(api.status).toBe(429)
    expect(api.headers.get('retry-after')).toBeTruthy()
  })

  it('counts wrong API tokens too', async () => {
    h = await ConsoleHarness.start()
    const wrong = { headers: { authorization: 'Bearer not-the-token' } }
    for (let i = 0; i < 5; i++) expect((await h.fetch('/api/highlights', wrong)).status).toBe(401)
    expect((await h.fetch('/api/highlights', wrong)).status).toBe(429)
  })

  it('serves the API to the token as a Bearer header', async () => {
    h = await ConsoleHarness.start()
    const response = await h.api('/api/highlights')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ total: 0, items: [] })
  })

  it('refuses a state-changing request without the session’s CSRF token, and changes nothing', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    await h.login()
    for (const csrf of [null, '', 'forged-token']) {
      const response = await h.post('/review/1/approve', {}, csrf)
      expect(response.status).toBe(403)
      expect(await response.text()).toContain('表单校验码')
    }
    expect(
      (
        await h.fetch('/review/1/approve', {
          method: 'POST',
          headers: { cookie: h.cookie, 'x-csrf-token': 'nope' },
        })
      ).status,
    ).toBe(403)
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 审核`)).toMatch(/【1】怎样坚持早起/u)
    expect((await h.post('/logout', {}, null)).status).toBe(403)
  })

  it('refuses an oversized request body before reading it', async () => {
    h = await ConsoleHarness.start()
    const body = new URLSearchParams({ name: ADMIN, token: 'x'.repeat(100_000) })
    expect((await h.fetch('/login', { method: 'POST', body })).status).toBe(413)
  })

  it('signs out: the cookie no longer opens anything', async () => {
    h = await ConsoleHarness.start()
    await h.login()
    expect((await h.post('/logout')).status).toBe(303)
    expect((await h.get('/highlights')).status).toBe(401)
  })

  it('sets a strict Content-Security-Policy on every answer', async () => {
    h = await ConsoleHarness.start()
    for (const path of ['/login', '/highlights', '/assets/console.css']) {
      const csp = (await h.fetch(path)).headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).toContain("default-src 'none'")
    }
  })
})

describe('token comparison', () => {
  it('tells equal secrets from unequal ones of any length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true)
    expect(sameSecret('abc', 'abd')).toBe(false)
    expect(sameSecret('', 'abc')).toBe(false)
    expect(sameSecret('abcabc', 'abc')).toBe(false)
  })
})
