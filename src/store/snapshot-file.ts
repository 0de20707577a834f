import { existsSync, renameSync, writeFileSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { TextFile } from 'lowdb/node'
import { consoleWords } from '../templates/console-words.js'

/** The JSON shape of a state file. */
export interface Snapshot {
  version: number
  tables: Record<string, Record<string, unknown>>
}

/** Where the last content of a state file that read back correctly is kept: the copy to restore. */
export function goodCopyPath(path: string): string {
  return `${path}.bak`
}

/**
 * The state file on disk cannot be read as state. Nothing ever writes such a file: the operator's data stays
 * as it was, and the message says how to recover (restore the kept good copy, or move the file aside).
 */
export class StateFileCorruptError extends Error {
  readonly path: string

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    const backup = existsSync(goodCopyPath(path)) ? goodCopyPath(path) : undefined
    super(consoleWords('state-corrupt', { path, reason, backup }), options)
    this.name = 'StateFileCorruptError'
    this.path = path
  }
}

/**
 * Keeps `text`, just read back and found good, as the file's good copy. Once per file per start: cheap, and
 * it means a file damaged later (a crash mid-write on a filesystem without atomic rename, a hand edit) can
 * be put back as it was when the bot last started.
 */
export async function keepGoodCopy(path: string, text: string): Promise<void> {
  const copy = goodCopyPath(path)
  await writeFile(`${copy}.tmp`, text)
  await rename(`${copy}.tmp`, copy)
}

/** The same, for the few files read synchronously at start (the sandbox's world). */
export function keepGoodCopySync(path: string, text: string): void {
  const copy = goodCopyPath(path)
  writeFileSync(`${copy}.tmp`, text)
  renameSync(`${copy}.tmp`, copy)
}

/** Writes a whole file so that a crash leaves the old content or the new, never half of one. */
export function writeFileAtomicallySync(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text)
  renameSync(`${path}.tmp`, path)
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function firstNonRecordTable(tables: Record<string, unknown>): string | undefined {
  return Object.keys(tables).find((name) => !isRecord(tables[name]))
}

/** The JSON in a state file's text; empty or unparsable text (a truncated file, say) is corrupt. */
export function parseJsonState(path: string, text: string): unknown {
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '') throw new StateFileCorruptError(path, '文件是空的')
  try {
    return JSON.parse(body)
  } catch (error) {
    throw new StateFileCorruptError(path, `不是完整的 JSON：${(error as Error).message}`, { cause: error })
  }
}

/** Validates the text of a state file; anything that is not clearly state is corrupt. */
export function parseSnapshot(path: string, text: string): Snapshot {
  const raw = parseJsonState(path, text)
  if (!isRecord(raw) || !isRecord(raw.tables)) {
    throw new StateFileCorruptError(path, '内容不是状态文件的格式（缺少 "tables"）')
  }
  const version = raw.version ?? 0
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new StateFileCorruptError(path, '"version" 应该是非负整数')
  }
  const bad = firstNonRecordTable(raw.tables)
  if (bad !== undefined) throw new StateFileCorruptError(path, `表 "${bad}" 不是对象`)
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
    if (text === null) return null
    const snapshot = parseSnapshot(this.#path, text)
    await keepGoodCopy(this.#path, text)
    return snapshot
  }

  write(data: Snapshot): Promise<void> {
    return this.#file.write(`${JSON.stringify(data, null, 2)}\n`)
  }
}
