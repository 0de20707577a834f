import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { Low } from 'lowdb'
import { safeName } from './safe-name.js'
import { firstNonRecordTable, type Snapshot, SnapshotFile } from './snapshot-file.js'
import { MapTable, type Rows, type Table } from './table.js'
import { WriteQueue } from './write-queue.js'

export { StateFileCorruptError } from './snapshot-file.js'
export type { Table } from './table.js'

/** Upgrades the tables in place from version n-1 to n. */
export type Migration = (tables: Record<string, Record<string, unknown>>) => void

export interface StateFileOptions {
  /** The data version this code expects; defaults to the highest migration number, else 0. */
  version?: number
  /** `migrations[n]` upgrades data from version n-1 to n; missing steps only bump the version. */
  migrations?: Record<number, Migration>
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

  /**
   * Flushes and lets go of every file this store opened, so that the next start in this process reads them
   * from disk again, as a new process would.
   */
  async close(): Promise<void> {
    await this.flush()
    for (const [path, pending] of this.#files) if (openFiles.get(path) === pending) openFiles.delete(path)
    this.#files.clear()
  }

  /** Resolves when every write issued so far, in every file this store opened, is on disk. */
  async flush(): Promise<void> {
    const opened = await Promise.allSettled(this.#files.values())
    await Promise.all(
      opened.map((result) => (result.status === 'fulfilled' ? result.value.flush() : undefined)),
    )
  }
}
