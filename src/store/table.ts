export type Rows = Map<string, unknown>

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

const SET: Promise<void> = Promise.resolve()
const DELETED: Promise<boolean> = Promise.resolve(true)
const NOT_DELETED: Promise<boolean> = Promise.resolve(false)

export class MapTable<T> implements Table<T> {
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

  // Not async functions: a state change is synchronous, and these run for every counting command and every
  // send the outbox keeps, so they hand back a settled promise instead of building one per call.
  set(key: string, value: T): Promise<void> {
    try {
      this.#put(key, value)
    } catch (error) {
      return Promise.reject(error)
    }
    this.#changed()
    return SET
  }

  update(key: string, fn: (current: T | undefined) => T): Promise<T> {
    let next: T
    try {
      next = fn(this.get(key))
      this.#put(key, next)
    } catch (error) {
      return Promise.reject(error)
    }
    this.#changed()
    return Promise.resolve(next)
  }

  delete(key: string): Promise<boolean> {
    if (!this.#rows.delete(key)) return NOT_DELETED
    this.#changed()
    return DELETED
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
