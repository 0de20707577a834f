import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'

/** What is wrong with one entry of a pack (or a whole file), in the operator's words. */
export interface PackProblem {
  file: string
  /** 1-based position of the entry in its file; undefined for the file as a whole */
  entry?: number
  /** what identifies the entry to a person: its answer or word */
  label?: string
  message: string
}

/**
 * An entry as loaded: what the schema gave, plus where it came from: `file` (relative, for problems found
 * later) and `folder` (absolute, where the files the entry names lie).
 */
export type PackEntry<T> = T & { file: string; folder: string; position: number }

export interface PackOptions<T> {
  /** the files an entry names, relative to its pack file: a missing one is a problem and the entry is skipped */
  files?: (entry: T) => string[]
}

export interface LoadedPack<T> {
  entries: Array<PackEntry<T>>
  problems: PackProblem[]
}

const PACK_FILE = /\.(ya?ml|json)$/i

/**
 * Every entry of the packs of one kind (`data/packs/riddles/*.yaml`…), validated one by one with `schema`: a
 * broken entry is reported with its file and position and skipped, the rest load. A file is a list of entries,
 * or `{ items: [...] }` for a file that says more about itself.
 */
export function loadPacks<S extends z.ZodType>(
  packsDir: string,
  kind: string,
  schema: S,
  options: PackOptions<z.infer<S>> = {},
): LoadedPack<z.infer<S>> {
  const dir = join(packsDir, kind)
  const loaded: LoadedPack<z.infer<S>> = { entries: [], problems: [] }
  if (!existsSync(dir)) return loaded
  for (const name of readdirSync(dir)
    .filter((f) => PACK_FILE.test(f))
    .sort()) {
    const path = join(dir, name)
    const file = relative(packsDir, path)
    let raw: unknown
    try {
      const text = readFileSync(path, 'utf8')
      raw = name.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text)
    } catch (error) {
      loaded.problems.push({ file, message: `读不了这个文件：${(error as Error).message.split('\n')[0]}` })
      continue
    }
    const items = Array.isArray(raw) ? raw : (raw as { items?: unknown })?.items
    if (!Array.isArray(items)) {
      loaded.problems.push({ file, message: '文件里应该是一个列表（或 items: 列表）' })
      continue
    }
    items.forEach((item, i) => {
      const result = schema.safeParse(item)
      if (!result.success) {
        const message = result.error.issues
          .map((issue) => `${issue.path.join('.') || '条目'}：${issue.message}`)
          .join('；')
        loaded.problems.push({ file, entry: i + 1, label: defaultLabel(item), message })
        return
      }
      const missing = (options.files?.(result.data) ?? []).filter((name) => !existsSync(join(dir, name)))
      if (missing.length > 0) {
        const message = `找不到文件 ${missing.join('、')}`
        loaded.problems.push({ file, entry: i + 1, label: defaultLabel(item), message })
        return
      }
      loaded.entries.push({ ...(result.data as object), file, folder: dir, position: i + 1 } as PackEntry<
        z.infer<S>
      >)
    })
  }
  return loaded
}

function defaultLabel(raw: unknown): string | undefined {
  const r = raw as { answer?: unknown; word?: unknown } | null
  const label = r?.answer ?? r?.word
  return typeof label === 'string' ? label : undefined
}

/** `file 第 N 条（答案）：message`, as packs:check and the logs print a problem. */
export function describeProblem(p: PackProblem): string {
  const where =
    p.entry === undefined ? p.file : `${p.file} 第 ${p.entry} 条${p.label ? `（${p.label}）` : ''}`
  return `${where}：${p.message}`
}

/** The same kind from several folders (the shipped packs, then the data folder's), in that order. */
export function loadPacksFrom<S extends z.ZodType>(
  dirs: readonly string[],
  kind: string,
  schema: S,
  options: PackOptions<z.infer<S>> = {},
): LoadedPack<z.infer<S>> {
  const all: LoadedPack<z.infer<S>> = { entries: [], problems: [] }
  for (const dir of [...new Set(dirs)]) {
    const one = loadPacks(dir, kind, schema, options)
    all.entries.push(...one.entries)
    all.problems.push(...one.problems)
  }
  return all
}
