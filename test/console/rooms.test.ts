import { afterEach, describe, expect, it } from 'vitest'
import { ConsoleHarness, json } from './support.js'

let h: ConsoleHarness | undefined
afterEach(async () => {
  await h?.stop()
  h = undefined
})

const ROOM = `/rooms/${encodeURIComponent('训练营1组')}`

describe('a room in the console', () => {
  it('shows the room’s figures as charts and as the same numbers in a table', async () => {
    h = await ConsoleHarness.start()
    await h.chat.script('小明: 大家好\n小红: /打卡 今天背了 50 个单词')
    await h.login()
    const response = await h.get(ROOM)
    expect(response.status).toBe(200)
    const html = await response.text()
    const figures = (await json(await h.api(`/api/rooms/${encodeURIComponent('训练营1组')}/figures`))).figures
    const values = /id="counts-chart"[^>]*data-values="([^"]+)"/.exec(html)?.[1]
    expect(JSON.parse((values as string).replaceAll('&quot;', '"'))).toEqual([
      figures.members,
      figures.newThisWeek,
      figures.activeToday,
      figures.active7,
      figures.silent7,
      figures.churned60,
    ])
    expect(html).toContain('id="rates-chart"')
    expect(html).toMatch(new RegExp(`<th>今日活跃</th><td>${figures.activeToday}</td>`))
    expect(html).toMatch(new RegExp(`<th>今日打卡率</th><td>${figures.checkinRate}%</td>`))
    expect(html).toContain('<script src="/assets/chart.umd.min.js"')
  })

  it('lists the timed notices, the to-do routine with today’s list and the check-in reminder, each with its next run', async () => {
    h = await ConsoleHarness.start()
    await h.chat.script(
      [
        '王老师: /公告 定时 每周一 09:00 本周安排见群文件',
        '王老师: /待办 添加 交周报 截止 18:00',
        '王老师: /待办 每日 喝水',
        '王老师: /提醒时间 设置 21:00',
      ].join('\n'),
    )
    await h.login()
    const html = await (await h.get(ROOM)).text()
    // 2026-12-04 is a Friday: the notice next runs on Monday the 7th, the reminder tonight.
    expect(html).toMatch(/定时公告 1：本周安排见群文件<\/td><td>每周一 09:00<\/td><td>2026-12-07 09:00/)
    expect(html).toMatch(/早上发出当天待办<\/td><td>每天 08:00<\/td><td>2026-12-05 08:00/)
    expect(html).toMatch(/晚上清理当天待办<\/td><td>每天 22:30<\/td><td>2026-12-04 22:30/)
    expect(html).toMatch(/打卡提醒<\/td><td>每天 21:00<\/td><td>2026-12-04 21:00/)
    expect(html).toMatch(/交周报 · 截止 18:00/)
    expect(html).toMatch(/喝水 · 每日/)
  })

  it('lists every room with its highlights, and answers an unknown room with 404', async () => {
    h = await ConsoleHarness.start()
    await h.chat.script(':room 读书会\n:owner 王老师\n小明: 大家好')
    await h.login()
    const rooms = await (await h.get('/rooms')).text()
    expect(rooms).toContain('训练营1组')
    expect(rooms).toContain('读书会')
    expect((await h.get('/rooms/nowhere')).status).toBe(404)
  })
})

describe('the outbox in the console', () => {
  it('shows today’s sends against the cap, the pacing, and the latest sends', async () => {
    h = await ConsoleHarness.start()
    await h.chat.script('小明: /在吗')
    await h.login()
    const html = await (await h.get('/outbox')).text()
    expect(html).toMatch(/已发 [1-9]\d* 条/)
    expect(html).toContain('队列是空的')
    expect(html).toContain('在的，小明')
    expect(html).toContain('每个群每分钟最多 6 条')
  })
})

describe('assets', () => {
  it('serves the chart library and the project’s OFL font itself, with the font in the stylesheet', async () => {
    h = await ConsoleHarness.start()
    const chart = await h.fetch('/assets/chart.umd.min.js')
    expect(chart.status).toBe(200)
    expect(chart.headers.get('content-type')).toContain('javascript')
    expect(await chart.text()).toContain('Chart')
    const css = await (await h.fetch('/assets/console.css')).text()
    expect(css).toMatch(/@font-face\s*{[^}]*url\("\/assets\/fonts\/regular\.otf"\)/)
    const font = await h.fetch('/assets/fonts/regular.otf')
    expect(font.status).toBe(200)
    expect(font.headers.get('content-type')).toBe('font/otf')
    const bytes = new Uint8Array(await font.arrayBuffer())
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('OTTO')
    expect((await h.fetch('/assets/../package.json')).status).not.toBe(200)
    expect((await h.fetch('/assets/%2e%2e%2fpackage.json')).status).not.toBe(200)
  })
})
