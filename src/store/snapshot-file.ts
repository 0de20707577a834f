import type { Adapter } from 'lowdb'
import { TextFile } from 'lowdb/node'

/** The JSON shape of a state file. */
export interface Snapshot {
  version: number
  tables: Record<string, Record<string, unknown>>
}

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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function firstNonRecordTable(tables: Record<string, unknown>): string | undefined {
  return Object.keys(tables).find((name) => !isRecord(tables[name]))
}

/** Validates the text of a state file; anything that is not clearly state is corrupt. */
export function parseSnapshot(path: string, text: string): Snapshot {
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
export class SnapshotFile implements Adapter<Snapshot> {
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
