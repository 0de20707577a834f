import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hono } from 'hono'
import type { ConsoleEnv } from './app.js'

const here = dirname(fileURLToPath(import.meta.url))
/** The project's installed packages: the chart library and the font are served from here, never a CDN. */
const packageDir = (name: string) => join(here, '..', '..', 'node_modules', name)

interface Asset {
  file: () => string
  type: string
  /** fonts and the chart library change only with an upgrade: the browser may keep them a day */
  cache: string
}

const DAY = 'public, max-age=86400'
const ASSETS: Record<string, Asset> = {
  'console.css': {
    file: () => join(here, 'assets', 'console.css'),
    type: 'text/css; charset=utf-8',
    cache: 'no-cache',
  },
  'console.js': {
    file: () => join(here, 'assets', 'console.js'),
    type: 'text/javascript; charset=utf-8',
    cache: 'no-cache',
  },
  'chart.umd.min.js': {
    file: () => join(packageDir('chart.js'), 'dist', 'chart.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
    cache: DAY,
  },
  // The project's OFL font (Noto Sans SC, from @embedpdf/fonts-sc), as for the games' pictures.
  'fonts/regular.otf': {
    file: () => join(packageDir('@embedpdf/fonts-sc'), 'fonts', 'NotoSansHans-Regular.otf'),
    type: 'font/otf',
    cache: DAY,
  },
  'fonts/bold.otf': {
    file: () => join(packageDir('@embedpdf/fonts-sc'), 'fonts', 'NotoSansHans-Bold.otf'),
    type: 'font/otf',
    cache: DAY,
  },
}

/** A fixed list of files, read once and kept in memory: no path from a request ever reaches the disk. */
export function registerAssets(app: Hono<ConsoleEnv>): void {
  const loaded = new Map<string, Promise<Buffer>>()
  app.get('/assets/:name{.+}', async (c) => {
    const name = c.req.param('name')
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined
    if (!asset) return c.notFound()
    let body = loaded.get(name)
    if (!body) {
      body = readFile(asset.file())
      loaded.set(name, body)
    }
    const bytes = await body
    c.header('Content-Type', asset.type)
    c.header('Cache-Control', asset.cache)
    return c.body(new Uint8Array(bytes))
  })
}
