import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { csvCell } from '../../src/console/export.js'
import { phraseTerms } from '../../src/console/search.js'
import { type RunningConsole, startConsole } from '../../src/console/server.js'
import { fakeBackend, madeUpEntry } from './fake-backend.js'
import { ConsoleHarness, json, TOKEN } from './support.js'

let h: ConsoleHarness | undefined
afterEach(async () => {
  await h?.stop()
  h = undefined
})

const bearer = { headers: { authorization: `Bearer ${TOKEN}` } }

describe('the JSON API over the real bot', () => {
  it('lists every room’s highlights newest first, finds them in Chinese, traditional or simplified, and filters', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    await h.chat.script(':room 读书会\n:owner 王老师')
    await h.chat.line(':advance 1d')
    await h.discuss('读书笔记怎么写', [
      '小明: 读书笔记要写自己的想法，不要只抄原文。',
      '小红: 我用卡片记笔记，每张一个观点。',
    ])
    const all = await json(await h.api('/api/highlights'))
    expect(all.total).toBe(2)
    expect(all.items.map((i: { title: string }) => i.title)).toEqual(['读书笔记怎么写', '怎样坚持早起'])
    expect(all.items[0]).toMatchObject({ room: { name: '读书会' }, status: 'waiting' })
    const search = async (q: string) =>
      (await json(await h?.api(`/api/highlights?q=${encodeURIComponent(q)}`))).items.map(
        (i: { id: string }) => i.id,
      )
    expect(await search('早睡')).toEqual(['1'])
    expect(await search('讀書筆記')).toEqual(['2'])
    expect(await search('卡片')).toEqual(['2'])
    // Contributors are found too: 阿杰 spoke only in the first discussion, 小红 in both (best match first).
    expect(await search('阿杰')).toEqual(['1'])
    expect((await search('小红')).sort()).toEqual(['1', '2'])
    expect(await search('火星旅行')).toEqual([])
    const inRoom = await json(await h.api(`/api/highlights?room=${encodeURIComponent('读书会')}`))
    expect(inRoom.items.map((i: { id: string }) => i.id)).toEqual(['2'])
    const byTopic = await json(await h.api(`/api/highlights?topic=${encodeURIComponent('早起')}`))
    expect(byTopic.items.map((i: { id: string }) => i.id)).toEqual(['1'])
    const firstDay = await json(await h.api('/api/highlights?from=2026-12-04&to=2026-12-04'))
    expect(firstDay.items.map((i: { id: string }) => i.id)).toEqual(['1'])
  })

  it('gives a room’s figures by name or key, and 404 for a room it does not know', async () => {
    h = await ConsoleHarness.start()
    await h.chat.script('小明: 大家好\n小红: 早上好')
    const response = await h.api(`/api/rooms/${encodeURIComponent('训练营1组')}/figures`)
    expect(response.status).toBe(200)
    const body = await json(response)
    expect(body.room.topic).toBe('训练营1组')
    expect(body.figures).toMatchObject({ activeToday: 2 })
    expect(body.figures.members).toBeGreaterThanOrEqual(3)
    const byKey = await h.api(`/api/rooms/${encodeURIComponent(body.room.key)}/figures`)
    expect((await json(byKey)).figures).toEqual(body.figures)
    const missing = await h.api('/api/rooms/nowhere/figures')
    expect(missing.status).toBe(404)
    expect((await json(missing)).message).toContain('没有找到这个群')
  })

  it('answers bad query strings with a clear 400 that names the parameter', async () => {
    h = await ConsoleHarness.start()
    for (const query of [
      'page=abc',
      'page=0',
      'page=-3',
      'size=1000',
      'from=2026-13-45',
      'from=yesterday',
      'format=pdf',
      'status=gone',
      `q=${'长'.repeat(500)}`,
      'from=2026-12-05&to=2026-12-01',
    ]) {
      const response = await h.api(`/api/highlights?${query}`)
      expect(response.status, query).toBe(400)
      const body = await json(response)
      expect(body.error).toBe('bad-query')
      expect(body.problems.join(' '), query).toMatch(/^(page|size|from|format|status|q)：/)
    }
    expect((await h.api('/api/highlights/export?format=pdf')).status).toBe(400)
    const page = await h.get('/highlights?page=abc')
    expect(page.status).toBe(401)
    await h.login()
    const shown = await h.get('/highlights?page=abc')
    expect(shown.status).toBe(400)
    expect(await shown.text()).toContain('页码应为正整数')
  })

  it('answers a page far past the end with an empty page and the true total', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    const response = await h.api('/api/highlights?page=999999999')
    expect(response.status).toBe(200)
    expect(await json(response)).toMatchObject({ items: [], total: 1, page: 999999999, pages: 1 })
  })
})

describe('export', () => {
  it('exports the selection as Markdown and as CSV, from the API and the signed-in page alike', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    const md = await h.api('/api/highlights/export?format=md')
    expect(md.headers.get('content-type')).toContain('text/markdown')
    expect(md.headers.get('content-disposition')).toMatch(/attachment; filename="highlights-2026-12-04\.md"/)
    const text = await md.text()
    expect(text).toMatch(/^# 精华导出（2026-12-04）/)
    expect(text).toContain('## 怎样坚持早起')
    expect(text).toContain('### 要点')
    const csv = await h.api('/api/highlights/export?format=csv&q=早起')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    // A byte-order mark first: spreadsheet programs then read the Chinese as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = new TextDecoder().decode(bytes).split('\r\n')
    expect(rows[0]).toMatch(/^"编号","群","标题"/)
    expect(rows[1]).toMatch(/^"1","训练营1组","怎样坚持早起"/)
    await h.login()
    const page = await h.get('/highlights/export?format=csv')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('怎样坚持早起')
  })

  it('keeps spreadsheet formulas in chat text as text', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('公式', [
      '小明: =HYPERLINK("http://evil.example","点我")',
      '小红: +1 同意',
      '阿杰: @SUM(A1:A9) 算一下',
      '小丽: -2 也行',
    ])
    const csv = await (await h.api('/api/highlights/export?format=csv')).text()
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")`)
  })

  it('quotes every CSV cell and neutralises formula starts', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`)
    expect(csvCell('+86 138')).toBe(`"'+86 138"`)
    expect(csvCell('-5')).toBe(`"'-5"`)
    expect(csvCell('@cmd')).toBe(`"'@cmd"`)
    expect(csvCell('\t=x')).toBe(`"'\t=x"`)
    expect(csvCell('说 "好"')).toBe(`"说 ""好"""`)
    expect(csvCell(12)).toBe('"12"')
  })
})

describe('at scale', () => {
  let running: RunningConsole
  const now = new Date('2026-12-04T01:00:00Z')
  beforeAll(async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) =>
      madeUpEntry(i + 1, (i % 200) + 1, new Date(now.getTime() - (i % 180) * 86_400_000)),
    )
    running = await startConsole(fakeBackend(entries, now), {
      port: 0,
      host: '127.0.0.1',
      admins: [],
      token: TOKEN,
    })
  }, 60_000)
  afterAll(() => running.close())

  it('exports 10,000 highlights in either format', async () => {
    const csv = await fetch(`${running.url}/api/highlights/export?format=csv&status=posted`, bearer)
    expect(csv.status).toBe(200)
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(9_001)
    const md = await fetch(`${running.url}/api/highlights/export?format=md`, bearer)
    expect(md.status).toBe(200)
    expect((await md.text()).match(/^## /gm)).toHaveLength(10_000)
  }, 60_000)

  it('searches and pages through 10,000 highlights', async () => {
    const body = await json(
      await fetch(`${running.url}/api/highlights?q=${encodeURIComponent('冥想')}&size=100&page=2`, bearer),
    )
    expect(body.total).toBe(1250)
    expect(body.items).toHaveLength(100)
    expect(body.items.every((i: { title: string }) => i.title.includes('冥想'))).toBe(true)
  }, 60_000)
})

describe('Chinese search terms', () => {
  it('indexes character pairs of Han runs, single characters alone, and other words as they are', () => {
    expect(phraseTerms('早起')).toEqual(['早起'])
    expect(phraseTerms('坚持早起')).toEqual(['坚持', '持早', '早起'])
    expect(phraseTerms('讀書')).toEqual(['读书'])
    expect(phraseTerms('早')).toEqual(['早'])
    expect(phraseTerms('ＡＩ 写作 GPT-4')).toEqual(['写作', 'ai', 'gpt', '4'])
  })
})
