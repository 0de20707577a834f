import { z } from 'zod'
import type { Filters } from './search.js'
import { consoleWords, fill } from './views.js'

/**
 * The query string of the highlights list, its export and the API, checked: a bad value is a clear 400 that
 * names the parameter, never a crash or a silently ignored filter.
 */

const words = consoleWords().query
const MAX_SEARCH = 200
const MAX_ROOM = 200
const MAX_TOPIC = 100
export const MAX_PAGE_SIZE = 100

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, words.dayFormat)
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    { message: words.dayMissing },
  )

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())

const listQuery = z.object({
  q: optional(z.string().max(MAX_SEARCH, fill(words.searchTooLong, { max: MAX_SEARCH }))),
  room: optional(z.string().max(MAX_ROOM, fill(words.roomTooLong, { max: MAX_ROOM }))),
  from: optional(day),
  to: optional(day),
  topic: optional(z.string().max(MAX_TOPIC, fill(words.topicTooLong, { max: MAX_TOPIC }))),
  kind: optional(z.enum(['topic', 'recap'], { message: words.kind })),
  status: optional(z.enum(['posted', 'waiting', 'dropped'], { message: words.status })),
  page: optional(
    z.coerce
      .number({ message: words.page })
      .int(words.page)
      .min(1, words.pageFrom)
      .max(1_000_000_000, words.pageTooBig),
  ),
  size: optional(
    z.coerce
      .number({ message: words.size })
      .int(words.size)
      .min(1, words.sizeMin)
      .max(MAX_PAGE_SIZE, fill(words.sizeMax, { max: MAX_PAGE_SIZE })),
  ),
  format: optional(z.enum(['md', 'csv'], { message: words.format })),
})

export interface ListQuery {
  filters: Filters
  page: number
  size: number
  format?: 'md' | 'csv'
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] }

/** Reads the query string; unknown parameters are ignored, known ones must be right. */
export function parseListQuery(raw: Record<string, string>): Parsed<ListQuery> {
  const checked = listQuery.safeParse(raw)
  if (!checked.success) {
    return {
      ok: false,
      problems: checked.error.issues.map((i) => `${i.path.join('.') || words.parameter}：${i.message}`),
    }
  }
  const { page, size, format, ...filters } = checked.data
  if (filters.from && filters.to && filters.from > filters.to) {
    return { ok: false, problems: [words.fromAfterTo] }
  }
  return { ok: true, value: { filters, page: page ?? 1, size: size ?? 20, format } }
}

/** One page of a list, with what a pager needs; a page past the end is empty, not an error. */
export function pageOf<T>(items: readonly T[], page: number, size: number) {
  const pages = Math.max(1, Math.ceil(items.length / size))
  const start = (page - 1) * size
  return {
    items: start < items.length ? items.slice(start, start + size) : [],
    total: items.length,
    page,
    size,
    pages,
  }
}
