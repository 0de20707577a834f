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
 * A key-value table inside a state file. Reads come from memory; each mutation changes memory at once
 * and resolves when a write containing it is on disk. Values must be JSON-serialisable and should be
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
 * Coalesces writes: at most one in flight and one queued. The queued write snapshots the data only
 * when it starts, so every mutation made before that moment is in it.
 */
class WriteQueue {
  readonly #write: () => Promise<void>
  #inFlight: Promise<void> | null = null
  #queued: Promise<void> | null = null
  #dirty = false

  constructor(write: () => Promise<void>) {
    this.#write = write
  }

  schedule(): Promise<void> {
    this.#dirty = true
    this.#queued ??= this.#enqueue()
    return this.#queued
  }

  async flush(): Promise<void> {
    const last = this.#queued ?? this.#inFlight
    if (last) await last
    // A write that failed earlier left the data dirty with nothing queued: retry it now.
    if (this.#dirty) await this.schedule()
  }

  #enqueue(): Promise<void> {
    const previous = this.#inFlight ?? Promise.resolve()
    const run: Promise<void> = previous.then(noop, noop).then(async () => {
      this.#queued = null
      this.#inFlight = run
      this.#dirty = false
      try {
        await this.#write()
      } catch (error) {
        this.#dirty = true
        throw error
      } finally {
        if (this.#inFlight === run) this.#inFlight = null
      }
    })
    // Callers may fire and forget; the failure still reaches whoever awaits the write or flush().
    run.catch(noop)
    return run
  }
}

class MapTable<T> implements Table<T> {
  readonly #rows: Rows
  readonly #changed: () => Promise<void>

  constructor(rows: Rows, changed: () => Promise<void>) {
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

  // Async bodies run synchronously up to the first await, so memory changes before the call returns.
  async set(key: string, value: T): Promise<void> {
    this.#put(key, value)
    await this.#changed()
  }

  async update(key: string, fn: (current: T | undefined) => T): Promise<T> {
    const next = fn(this.get(key))
    this.#put(key, next)
    await this.#changed()
    return next
  }

  async delete(key: string): Promise<boolean> {
    if (!this.#rows.delete(key)) return false
    await this.#changed()
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
    this.#queue = new WriteQueue(() => this.#write())
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

  #changed(): Promise<void> {
    return this.#db ? this.#queue.schedule() : Promise.resolve()
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
