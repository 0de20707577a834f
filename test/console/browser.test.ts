import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { browserRequired, findChromium, outputDir } from './browser.js'
import { ADMIN, ConsoleHarness, hostileHighlight, TOKEN } from './support.js'

const executablePath = findChromium()
if (!executablePath) {
  const why = browserRequired
    ? 'REQUIRE_BROWSER=1 but no Chromium was found'
    : 'browser tests SKIPPED: no Chromium found'
  console.warn(
    `\n${'!'.repeat(72)}\n!! ${why} (set CHROMIUM_PATH, or: apt-get install -y chromium)\n${'!'.repeat(72)}\n`,
  )
}

const shots = outputDir('console')

let browser: Browser | undefined
let h: ConsoleHarness | undefined
let page: Page | undefined
/** Every dialog (alert, confirm, prompt) a page opened: chat text that ran would open one. */
let dialogs: string[] = []

beforeAll(async () => {
  if (!executablePath) return
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
}, 60_000)
afterAll(async () => {
  await browser?.close()
})
afterEach(async () => {
  await page?.close()
  await h?.stop()
  page = undefined
  h = undefined
})

async function open(): Promise<Page> {
  if (!browser) throw new Error('no browser')
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true })
  page = await context.newPage()
  dialogs = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return page
}

async function signIn(p: Page, harness: ConsoleHarness): Promise<void> {
  await p.goto(`${harness.url}/highlights`)
  await p.selectOption('select[name="name"]', ADMIN)
  await p.fill('input[name="token"]', TOKEN)
  await p.click('button[type="submit"]')
  await p.waitForURL(/\/highlights$/)
}

describe.runIf(executablePath || browserRequired)('the console in a browser', () => {
  it('has a Chromium to drive', () => {
    expect(executablePath, 'set CHROMIUM_PATH or apt-get install -y chromium').toBeTruthy()
  })

  it('signs in, searches a highlight, approves one from the queue and exports the selection', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    await h.chat.script(':room 读书会\n:owner 王老师')
    await h.discuss('读书笔记怎么写', [
      '小明: 读书笔记要写自己的想法，不要只抄原文。',
      '小红: 我用卡片记笔记，每张一个观点。',
    ])
    const p = await open()
    await signIn(p, h)
    expect(await p.textContent('.who')).toContain(ADMIN)
    await p.fill('input[name="q"]', '卡片')
    await p.press('input[name="q"]', 'Enter')
    await p.waitForURL(/q=/)
    await p.waitForSelector('.summary')
    const titles = await p.locator('.item .title').allTextContents()
    expect(titles).toEqual(['读书笔记怎么写'])
    await p.screenshot({ path: join(shots, 'search.png'), fullPage: true })

    await p.click('nav >> text=审核')
    await p.waitForURL(/\/review$/)
    await p.screenshot({ path: join(shots, 'review.png'), fullPage: true })
    await p.locator('section.review[data-id="1"] button.approve').click()
    await p.waitForSelector('.flash.ok')
    expect(await p.textContent('.flash.ok')).toContain('已通过：精华 1')
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 通过 1`)).toContain('已经发布过了')

    await p.goto(`${h.url}/highlights`)
    const download = p.waitForEvent('download')
    await p.click('a:has-text("CSV")')
    const file = await download
    expect(file.suggestedFilename()).toBe('highlights-2026-12-04.csv')
    const saved = join(shots, file.suggestedFilename())
    await file.saveAs(saved)
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(saved, 'utf8')).toContain('读书笔记怎么写')
    expect(dialogs).toEqual([])
  }, 60_000)

  it('opens a room’s figures with the charts drawn, in the project’s font', async () => {
    h = await ConsoleHarness.start()
    await h.chat.script('小明: 大家好\n小红: /打卡 今天背了 50 个单词\n阿杰: 早上好')
    const p = await open()
    await signIn(p, h)
    await p.click('nav >> text=各群')
    await p.click('td >> text=训练营1组')
    await p.waitForSelector('#counts-chart[data-drawn="true"]')
    await p.waitForSelector('#rates-chart[data-drawn="true"]')
    // Drawn means pixels: a blank canvas is all transparent.
    const painted = await p.$eval('#counts-chart', (canvas) => {
      const c = canvas as unknown as {
        width: number
        height: number
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: number[] }
        }
      }
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height)
      let count = 0
      for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) count++
      return count
    })
    expect(painted).toBeGreaterThan(1000)
    // The page's own font, loaded from the console (the script runs in the page, where `document` is).
    expect(
      await p.evaluate('document.fonts.ready.then(() => document.fonts.check(\'16px "Qunbot Sans"\', "群"))'),
    ).toBe(true)
    await p.screenshot({ path: join(shots, 'room.png'), fullPage: true })
    expect(dialogs).toEqual([])
  }, 60_000)

  it('shows hostile chat text as text: no dialog opens anywhere', async () => {
    h = await ConsoleHarness.start()
    await hostileHighlight(h)
    const p = await open()
    const violations: string[] = []
    p.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    await signIn(p, h)
    for (const path of [
      '/highlights',
      '/highlights/1',
      '/review',
      `/highlights?q=${encodeURIComponent('<script>alert(1)</script>')}`,
    ]) {
      await p.goto(`${h.url}${path}`)
      await p.waitForLoadState('load')
      // Click whatever looks like a link from the chat: nothing may run.
      for (const link of await p.locator('main a').all()) {
        const href = (await link.getAttribute('href')) ?? ''
        expect(href.toLowerCase()).not.toMatch(/^\s*javascript:/)
      }
    }
    await p.goto(`${h.url}/review`)
    expect(await p.textContent('main')).toContain('<script>alert(1)</script>')
    expect(await p.textContent('main')).toContain('{{ 7*7 }}')
    await p.screenshot({ path: join(shots, 'hostile.png'), fullPage: true })
    expect(dialogs).toEqual([])
    expect(violations).toEqual([])
  }, 60_000)
})
