import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { type Adapter, Low } from 'lowdb'
import { TextFile } from 'lowdb/node'
import { safeName } from './safe-name.js'

/** The JSON shape of a state file. */
interface Snapshot {
  version: number
  tables: Record<string, Record<string, unknown>>
}

type Rows = Map<string, unknown>

const noop = () => {}

/**
 * The state file on disk cannot be read as state. The store never writes such a file, so the
 * operator's data stays as it was for inspection.
 */
export class StateFileCorruptError extends Error {
  readonly path: string

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(
      `State file ${path} is corrupt (${reason}); it was left untouched. ` +
        'Move it aside to start with empty state, or fix the JSON by hand, then restart.',
      options,
    )
    this.name = 'StateFileCorruptError'
    this.path = path
  }
}

/** Upgrades the tables in place from version n-1 to n. */
export type Migration = (tables: Record<string, Record<string, unknown>>) => void

export interface StateFileOptions {
  /** The data version this code expects; defaults to the highest migration number, else 0. */
  version?: number
  /** `migrations[n]` upgrades data from version n-1 to n; missing steps only bump the version. */
  migrations?: Record<number, Migration>
}

/**
 * A key-value table inside a state file. Reads come from memory; each mutation changes memory at once and
 * schedules a write behind it, so a reply never waits for the disk (writes are coalesced: one in flight,
 * one queued). `flush()` on the file or the store resolves when everything so far is on disk; the bot
 * flushes when a sandbox line settles and when it stops. Values must be JSON-serialisable and should be
 * treated as immutable: changing a returned object in place is not saved until the next mutation.
 */
export interface Table<T> {
  get(key: string): T | undefined
  has(key: string): boolean
  set(key: string, value: T): Promise<void>
  /** Stores `fn(current)` and resolves with it. */
  update(key: string, fn: (current: T | undefined) => T): Promise<T>
  /** Resolves with whether the key existed. */
  delete(key: string): Promise<boolean>
  entries(): Array<[string, T]>
  values(): T[]
  readonly size: number
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstNonRecordTable(tables: Record<string, unknown>): string | undefined {
  return Object.keys(tables).find((name) => !isRecord(tables[name]))
}

/** Validates the text of a state file; anything that is not clearly state is corrupt. */
function parseSnapshot(path: string, text: string): Snapshot {
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '') throw new StateFileCorruptError(path, 'the file is empty')
  let raw: unknown
  try {
    raw = JSON.parse(body)
  } catch (error) {
    throw new StateFileCorruptError(path, `invalid JSON: ${(error as Error).message}`, { cause: error })
  }
  if (!isRecord(raw) || !isRecord(raw.tables)) {
    throw new StateFileCorruptError(path, 'expected an object with a "tables" object')
  }
  const version = raw.version ?? 0
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new StateFileCorruptError(path, '"version" must be a non-negative integer')
  }
  const bad = firstNonRecordTable(raw.tables)
  if (bad !== undefined) throw new StateFileCorruptError(path, `table "${bad}" is not an object`)
  return { version, tables: raw.tables as Snapshot['tables'] }
}

/** lowdb adapter over steno's atomic writer that refuses to load anything but a valid snapshot. */
class SnapshotFile implements Adapter<Snapshot> {
  readonly #path: string
  readonly #file: TextFile

  constructor(path: string) {
    this.#path = path
    this.#file = new TextFile(path)
  }

  async read(): Promise<Snapshot | null> {
    const text = await this.#file.read()
    return text === null ? null : parseSnapshot(this.#path, text)
  }

  write(data: Snapshot): Promise<void> {
    return this.#file.write(`${JSON.stringify(data, null, 2)}\n`)
  }
}

/**
 * Writes a file behind its changes: at most one write in flight, and a change made meanwhile waits for the
 * next one, which starts no sooner than `delayMs` after the change. A table that changes on every message
 * is rewritten a few times a second, not hundreds of times. `flush()` writes at once.
 */
class WriteQueue {
  readonly #write: () => Promise<void>
  readonly #delayMs: number
  #running: Promise<void> | null = null
  #timer: NodeJS.Timeout | null = null
  #dirty = false

  constructor(write: () => Promise<void>, delayMs: number) {
    this.#write = write
    this.#delayMs = delayMs
  }

  schedule(): void {
    this.#dirty = true
    if (this.#timer || this.#running) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.#run().catch(noop)
    }, this.#delayMs)
    this.#timer.unref()
  }

  /** Resolves when every change made so far is on disk; rejects if the write failed (kept dirty for retry). */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = null
    }
    if (this.#running) await this.#running.catch(noop)
    if (this.#dirty) await this.#run()
  }

  #run(): Promise<void> {
    this.#dirty = false
    const run = this.#write()
      .catch((error: unknown) => {
        this.#dirty = true
        throw error
      })
      .finally(() => {
        this.#running = null
        // Changes made while this write ran go out in the next one.
        if (this.#dirty && !this.#timer) this.schedule()
      })
    this.#running = run
    return run
  }
}

class MapTable<T> implements Table<T> {
  readonly #rows: Rows
  readonly #changed: () => void

  constructor(rows: Rows, changed: () => void) {
    this.#rows = rows
    this.#changed = changed
  }

  get size(): number {
    return this.#rows.size
  }

  get(key: string): T | undefined {
    return this.#rows.get(key) as T | undefined
  }

  has(key: string): boolean {
    return this.#rows.has(key)
  }

  async set(key: string, value: T): Promise<void> {
    this.#put(key, value)
    this.#changed()
  }

  async update(key: string, fn: (current: T | undefined) => T): Promise<T> {
    const next = fn(this.get(key))
    this.#put(key, next)
    this.#changed()
    return next
  }

  async delete(key: string): Promise<boolean> {
    if (!this.#rows.delete(key)) return false
    this.#changed()
    return true
  }

  entries(): Array<[string, T]> {
    return [...this.#rows] as Array<[string, T]>
  }

  values(): T[] {
    return [...this.#rows.values()] as T[]
  }

  #put(key: string, value: T): void {
    // JSON drops undefined, so the key would silently vanish on the next start.
    if (value === undefined) throw new TypeError(`State value for "${key}" is undefined; use delete()`)
    this.#rows.set(key, value)
  }
}

function toRows(tables: Snapshot['tables']): Map<string, Rows> {
  return new Map(Object.entries(tables).map(([name, rows]) => [name, new Map(Object.entries(rows))]))
}

function toTables(tables: Map<string, Rows>): Snapshot['tables'] {
  // Maps in memory and fromEntries on the way out keep keys like '__proto__' as plain data.
  return Object.fromEntries([...tables].map(([name, rows]) => [name, Object.fromEntries(rows)]))
}

/** Changes are written behind by this much at most: a crash loses no more than this of state. */
const WRITE_DELAY_MS = 100

/** One plugin's state file. Obtain it from {@link StateStore.open}; one instance exists per file. */
export class StateFile {
  readonly path: string
  readonly #version: number
  readonly #tables: Map<string, Rows>
  readonly #views = new Map<string, Table<unknown>>()
  readonly #db: Low<Snapshot> | null
  readonly #queue: WriteQueue

  /** @internal Use {@link StateStore.open}: a second instance on the same file would lose updates. */
  constructor(path: string, db: Low<Snapshot> | null, version: number, tables: Snapshot['tables']) {
    this.path = path
    this.#db = db
    this.#version = version
    this.#tables = toRows(tables)
    this.#queue = new WriteQueue(() => this.#write(), WRITE_DELAY_MS)
  }

  /** The named table, created empty on first use. The same name returns the same object. */
  table<T>(name: string): Table<T> {
    let view = this.#views.get(name)
    if (!view) {
      let rows = this.#tables.get(name)
      if (!rows) {
        rows = new Map()
        this.#tables.set(name, rows)
      }
      view = new MapTable<unknown>(rows, () => this.#changed())
      this.#views.set(name, view)
    }
    return view as Table<T>
  }

  /** Resolves when every mutation made so far is on disk. */
  flush(): Promise<void> {
    return this.#queue.flush()
  }

  #changed(): void {
    if (this.#db) this.#queue.schedule()
  }

  async #write(): Promise<void> {
    if (!this.#db) return
    this.#db.data = { version: this.#version, tables: toTables(this.#tables) }
    await this.#db.write()
  }
}

/** undefined when the caller states no expectation, so any stored version is accepted as is. */
function targetVersion(options: StateFileOptions): number | undefined {
  if (options.version !== undefined) return options.version
  const steps = Object.keys(options.migrations ?? {}).map(Number)
  return steps.length > 0 ? Math.max(...steps) : undefined
}

function migrate(path: string, data: Snapshot, target: number, options: StateFileOptions): void {
  for (let version = data.version + 1; version <= target; version++) {
    options.migrations?.[version]?.(data.tables)
    const bad = firstNonRecordTable(data.tables)
    if (bad !== undefined)
      throw new Error(`Migration ${version} of ${path} left table "${bad}" not an object`)
  }
  data.version = target
}

async function loadFromDisk(path: string, options: StateFileOptions): Promise<StateFile> {
  const target = targetVersion(options)
  await mkdir(dirname(path), { recursive: true })
  const fresh: Snapshot = { version: target ?? 0, tables: {} }
  const db = new Low<Snapshot>(new SnapshotFile(path), fresh)
  await db.read()
  const data = db.data
  // A missing file starts at the current version: there is nothing to migrate yet.
  if (data !== fresh && target !== undefined) {
    if (data.version > target) {
      throw new Error(
        `State file ${path} has version ${data.version}, newer than ${target}; refusing to load it`,
      )
    }
    if (data.version < target) {
      migrate(path, data, target, options)
      await db.write()
    }
  }
  return new StateFile(path, db, data.version, data.tables)
}

async function loadInMemory(path: string, options: StateFileOptions): Promise<StateFile> {
  return new StateFile(path, null, targetVersion(options) ?? 0, {})
}

// Two lowdb instances on one file lose each other's updates, so every store in the process shares these.
const openFiles = new Map<string, Promise<StateFile>>()

/**
 * Per-plugin JSON state files under one directory (`<dir>/<name>.json`), or in memory when `dir` is null.
 */
export class StateStore {
  readonly #dir: string | null
  readonly #files = new Map<string, Promise<StateFile>>()

  constructor(dir: string | null) {
    this.#dir = dir === null ? null : resolve(dir)
  }

  /**
   * Opens (once) the state file for `name`, running pending migrations and saving the result.
   * Rejects with {@link StateFileCorruptError} when the file exists but is not valid state.
   */
  open(name: string, options: StateFileOptions = {}): Promise<StateFile> {
    const fileName = `${safeName(name)}.json`
    const path = this.#dir === null ? `memory:${fileName}` : join(this.#dir, fileName)
    const cache = this.#dir === null ? this.#files : openFiles
    let pending = cache.get(path)
    if (!pending) {
      pending = this.#dir === null ? loadInMemory(path, options) : loadFromDisk(path, options)
      cache.set(path, pending)
      // Forget a failed open so a retry (after the operator fixed the file) reads it again.
      pending.catch(() => cache.get(path) === pending && cache.delete(path))
    }
    this.#files.set(path, pending)
    return pending
  }

  /** Resolves when every write issued so far, in every file this store opened, is on disk. */
  async flush(): Promise<void> {
    const opened = await Promise.allSettled(this.#files.values())
    await Promise.all(
      opened.map((result) => (result.status === 'fulfilled' ? result.value.flush() : undefined)),
    )
  }
}
