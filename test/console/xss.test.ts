import { afterEach, describe, expect, it } from 'vitest'
import { ConsoleHarness, hostileHighlight, json } from './support.js'

let h: ConsoleHarness | undefined
afterEach(async () => {
  await h?.stop()
  h = undefined
})

describe('chat text in the console is shown, never run', () => {
  it('escapes script, event handlers, javascript: links and template syntax on every page', async () => {
    h = await ConsoleHarness.start()
    await hostileHighlight(h)
    await h.login()
    const detail = await json(await h.api('/api/highlights/1'))
    expect(detail.points.join('\n')).toContain('<script>alert(1)</script>')
    const pages = [
      '/highlights',
      '/highlights/1',
      '/review',
      '/rooms',
      `/highlights?q=${encodeURIComponent('早睡')}`,
      `/highlights?q=${encodeURIComponent('<script>alert(1)</script>')}`,
      `/highlights?q=${encodeURIComponent('{{ 7*7 }}')}&topic=${encodeURIComponent('"><script>alert(2)</script>')}`,
    ]
    for (const path of pages) {
      const html = await (await h.get(path)).text()
      expect(html, path).not.toMatch(/<script>alert/i)
      expect(html, path).not.toMatch(/<img[^>]*onerror/i)
      expect(html, path).not.toMatch(/href="javascript:/i)
      expect(html, path).not.toMatch(/<a href="javascript/i)
      // Every script tag the page has is the console's own, from its own address.
      for (const [tag] of html.matchAll(/<script[^>]*>/gi)) expect(tag, path).toMatch(/src="\/assets\//)
    }
    const review = await (await h.get('/review')).text()
    expect(review).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(review).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(review).toContain('{{ 7*7 }}')
    const search = await (
      await h.get(`/highlights?q=${encodeURIComponent('<script>alert(1)</script>')}`)
    ).text()
    expect(search).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"')
  })

  it('sends the same text to API clients as JSON and to downloads as plain text, never as HTML', async () => {
    h = await ConsoleHarness.start()
    await hostileHighlight(h)
    const api = await h.api('/api/highlights')
    expect(api.headers.get('content-type')).toContain('application/json')
    expect(api.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await json(api)).items[0].points).toContain('<script>alert(1)</script>')
    const md = await h.api('/api/highlights/export?format=md')
    expect(md.headers.get('content-type')).toContain('text/markdown')
    expect(md.headers.get('content-disposition')).toContain('attachment')
  })
})
