import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { AppendFiles } from './append-files.js'
import { safeName } from './safe-name.js'

/**
 * A plugin's own folder for files it makes (archives, exports, generated pictures): `data/<plugin>/`. Paths
 * are relative, `/`-separated, and cannot leave the folder; a key (a room's, a member's) becomes a folder or
 * file name through {@link PluginFiles.nameFor}, never as typed.
 */
export interface PluginFiles {
  /** The folder on disk, or undefined when the bot keeps its data in memory (tests, benchmarks). */
  readonly folder: string | undefined
  /** Writes a whole file so that a reader never sees half of it; resolves with where it went. */
  write(path: string, content: string | Uint8Array): Promise<string>
  /**
   * Adds `text` to the end of the file (made if missing), in one write: for append-only records, such as a day's
   * check-ins, that must not be rewritten whole on every change.
   */
  append(path: string, text: string): Promise<void>
  /** The file's text, or undefined when there is none. */
  read(path: string): Promise<string | undefined>
  /** Names in a folder of the plugin's (its top when omitted), sorted; empty when the folder does not exist. */
  list(folder?: string): Promise<string[]>
  /** A file-system-safe name for a key such as a room key (`123@chatroom`): distinct keys, distinct names. */
  nameFor(key: string): string
}

/** Refuses what could leave the folder or hide a file: absolute paths, `..`, empty or dot-first segments. */
export function checkedSegments(path: string): string[] {
  const segments = path.split('/')
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('.') || /[\\\0]/.test(segment) || segment.length > 200) {
      throw new RangeError(`Not a path inside the plugin's folder: "${path}"`)
    }
  }
  return segments
}

export class DiskPluginFiles implements PluginFiles {
  readonly folder: string
  readonly #appends = new AppendFiles()

  constructor(folder: string) {
    this.folder = resolve(folder)
  }

  async write(path: string, content: string | Uint8Array): Promise<string> {
    const target = join(this.folder, ...checkedSegments(path))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(`${target}.tmp`, content)
    await rename(`${target}.tmp`, target)
    return target
  }

  async append(path: string, text: string): Promise<void> {
    this.#appends.append(join(this.folder, ...checkedSegments(path)), text)
  }

  async read(path: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.folder, ...checkedSegments(path)), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }

  async list(folder?: string): Promise<string[]> {
    const dir = folder === undefined ? this.folder : join(this.folder, ...checkedSegments(folder))
    try {
      return (await readdir(dir)).filter((name) => !name.endsWith('.tmp')).sort()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
  }

  nameFor(key: string): string {
    return safeName(key)
  }
}

/** The same, kept in memory: for a bot without a data folder. */
export class MemoryPluginFiles implements PluginFiles {
  readonly folder = undefined
  readonly #files = new Map<string, string>()

  constructor(private readonly plugin: string) {}

  async write(path: string, content: string | Uint8Array): Promise<string> {
    const key = checkedSegments(path).join('/')
    this.#files.set(key, typeof content === 'string' ? content : Buffer.from(content).toString('utf8'))
    return `memory:${this.plugin}/${key}`
  }

  async append(path: string, text: string): Promise<void> {
    const key = checkedSegments(path).join('/')
    this.#files.set(key, (this.#files.get(key) ?? '') + text)
  }

  async read(path: string): Promise<string | undefined> {
    return this.#files.get(checkedSegments(path).join('/'))
  }

  async list(folder?: string): Promise<string[]> {
    const prefix = folder === undefined ? '' : `${checkedSegments(folder).join('/')}/`
    const names = new Set<string>()
    for (const key of this.#files.keys()) {
      if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0] as string)
    }
    return [...names].sort()
  }

  nameFor(key: string): string {
    return safeName(key)
  }
}
