import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { StateFileCorruptError, StateStore } from '../../src/store/state-store.js'
import { runFixture, tempDir } from './helpers.js'

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'))
}

describe('StateStore', () => {
  it('applies mutations at once and writes them behind, durable after flush()', async () => {
    const dir = await tempDir()
    const file = await new StateStore(dir).open('icebreaker')
    const scores = file.table<number>('scores')
    await scores.set('alice', 1)
    expect(await scores.update('alice', (n) => (n ?? 0) + 2)).toBe(3)
    await scores.set('bob', 5)
    expect(await scores.delete('bob')).toBe(true)
    expect(await scores.delete('bob')).toBe(false)
    expect(scores.get('alice')).toBe(3)
    expect(scores.has('bob')).toBe(false)
    expect(scores.size).toBe(1)
    expect(scores.entries()).toEqual([['alice', 3]])
    expect(scores.values()).toEqual([3])
    expect(file.path).toBe(join(dir, 'icebreaker.json'))
    await file.flush()
    expect(await readJson(file.path)).toEqual({ version: 0, tables: { scores: { alice: 3 } } })
  })

  it('keeps every one of 1,000 un-awaited updates', async () => {
    const dir = await tempDir()
    const store = new StateStore(dir)
    const counters = (await store.open('counter')).table<number>('counters')
    for (let i = 0; i < 1000; i++) {
      void counters.update('hits', (n) => (n ?? 0) + 1)
      void counters.set(`key-${i}`, i)
    }
    await store.flush()
    const data = (await readJson(join(dir, 'counter.json'))) as {
      tables: { counters: Record<string, number> }
    }
    expect(data.tables.counters.hits).toBe(1000)
    expect(Object.keys(data.tables.counters)).toHaveLength(1001)
    expect(data.tables.counters['key-999']).toBe(999)
  })

  it('returns the same instance for the same name, also when opens race', async () => {
    const store = new StateStore(await tempDir())
    const [a, b] = await Promise.all([store.open('plugin'), store.open('plugin')])
    expect(a).toBe(b)
    expect(await store.open('plugin')).toBe(a)
    expect(await store.open('other')).not.toBe(a)
  })

  it('shares one instance per file between stores, since two would lose updates', async () => {
    const dir = await tempDir()
    expect(await new StateStore(dir).open('shared')).toBe(await new StateStore(`${dir}/.`).open('shared'))
  })

  it('creates a missing directory and the file only on first write', async () => {
    const dir = join(await tempDir(), 'data', 'state')
    const file = await new StateStore(dir).open('fresh')
    expect((await stat(dir)).isDirectory()).toBe(true)
    await expect(stat(file.path)).rejects.toMatchObject({ code: 'ENOENT' })
    await file.table<string>('t').set('k', 'v')
    await file.flush()
    expect(await readJson(file.path)).toEqual({ version: 0, tables: { t: { k: 'v' } } })
  })

  it('stores awkward keys as plain data', async () => {
    const dir = await tempDir()
    const file = await new StateStore(dir).open('keys')
    const table = file.table<string>('t')
    await table.set('__proto__', 'a')
    await table.set('constructor', 'b')
    await file.flush()
    expect(table.get('toString')).toBeUndefined()
    const data = (await readJson(join(dir, 'keys.json'))) as { tables: { t: object } }
    expect(Object.entries(data.tables.t)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ])
  })

  it('rejects undefined values instead of silently losing the key', async () => {
    const table = (await new StateStore(null).open('x')).table<string | undefined>('t')
    await expect(table.set('k', undefined)).rejects.toThrow(TypeError)
    expect(table.has('k')).toBe(false)
  })

  it('works in memory when dir is null', async () => {
    const store = new StateStore(null)
    const table = (await store.open('mem')).table<number>('t')
    await table.set('k', 1)
    await store.flush()
    expect((await store.open('mem')).table<number>('t').get('k')).toBe(1)
    expect((await new StateStore(null).open('mem')).table<number>('t').get('k')).toBeUndefined()
  })
})

describe('StateStore migrations', () => {
  it('runs pending migrations once, in order, and records the version', async () => {
    const dir = await tempDir()
    const path = join(dir, 'quiz.json')
    await writeFile(path, JSON.stringify({ tables: { scores: { alice: 3 } } }))
    const calls: number[] = []
    const migrations = {
      1: (tables: Record<string, Record<string, unknown>>) => {
        calls.push(1)
        tables.points = tables.scores ?? {}
        delete tables.scores
      },
      2: (tables: Record<string, Record<string, unknown>>) => {
        calls.push(2)
        for (const key of Object.keys(tables.points ?? {}))
          tables.points![key] = { total: tables.points![key] }
      },
    }
    await new StateStore(dir).open('quiz', { version: 2, migrations })
    expect(calls).toEqual([1, 2])
    expect(await readJson(path)).toEqual({ version: 2, tables: { points: { alice: { total: 3 } } } })

    // Fresh module state stands in for a restart: stores in one process share their open files.
    vi.resetModules()
    const restarted = await import('../../src/store/state-store.js')
    const file = await new restarted.StateStore(dir).open('quiz', { version: 2, migrations })
    expect(calls).toEqual([1, 2])
    expect(file.table('points').get('alice')).toEqual({ total: 3 })
  })

  it('starts a missing file at the current version without migrating', async () => {
    const dir = await tempDir()
    const migrate = () => {
      throw new Error('must not run')
    }
    const file = await new StateStore(dir).open('new', { version: 3, migrations: { 3: migrate } })
    await file.table<number>('t').set('k', 1)
    await file.flush()
    expect(await readJson(file.path)).toEqual({ version: 3, tables: { t: { k: 1 } } })
  })

  it('refuses a file written by a newer version without touching it', async () => {
    const dir = await tempDir()
    const path = join(dir, 'newer.json')
    const bytes = JSON.stringify({ version: 5, tables: {} })
    await writeFile(path, bytes)
    await expect(new StateStore(dir).open('newer', { version: 2 })).rejects.toThrow(/newer than 2/)
    expect(await readFile(path, 'utf8')).toBe(bytes)
  })
})

describe('StateStore corrupt files', () => {
  const cases: Array<[string, string]> = [
    ['invalid JSON', '{"version": 1, "tables": {'],
    ['an empty file', ''],
    ['a whitespace-only file', ' \n\t\n'],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['an object without tables', '{"version": 1}'],
    ['a table that is not an object', '{"tables": {"t": [1, 2]}}'],
    ['a bad version', '{"version": "2", "tables": {}}'],
  ]

  it.each(cases)('throws StateFileCorruptError for %s and leaves the bytes alone', async (_label, bytes) => {
    const dir = await tempDir()
    const path = join(dir, 'broken.json')
    await writeFile(path, bytes)
    const store = new StateStore(dir)
    const error = await store.open('broken', { version: 1, migrations: { 1: () => {} } }).catch((e) => e)
    expect(error).toBeInstanceOf(StateFileCorruptError)
    expect((error as StateFileCorruptError).path).toBe(path)
    expect((error as Error).message).toContain(path)
    expect((error as Error).message).toContain(`mv "${path}" "${path}.broken"`)
    await store.flush()
    expect(await readFile(path, 'utf8')).toBe(bytes)
  })

  it('opens the file once the operator has fixed it', async () => {
    const dir = await tempDir()
    const path = join(dir, 'fixed.json')
    await writeFile(path, '{oops')
    const store = new StateStore(dir)
    await expect(store.open('fixed')).rejects.toBeInstanceOf(StateFileCorruptError)
    await writeFile(path, '{"version": 0, "tables": {"t": {"k": 1}}}')
    expect((await store.open('fixed')).table<number>('t').get('k')).toBe(1)
  })
})

describe('StateStore persistence across processes', () => {
  it('a new process reads back what this one wrote', async () => {
    const dir = await tempDir()
    const store = new StateStore(dir)
    const file = await store.open('icebreaker')
    void file.table<object>('players').set('wxid_1', { name: '小明', score: 7 })
    void file.table<object>('players').update('wxid_1', (p) => ({ ...p, score: 8 }))
    await store.flush()
    const printed = runFixture('read-state.ts', [dir, 'icebreaker', 'players', 'wxid_1'])
    expect(JSON.parse(printed)).toEqual({ name: '小明', score: 8 })
  })
})
