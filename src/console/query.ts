import { z } from 'zod'
import type { Filters } from './search.js'

/**
 * The query string of the highlights list, its export and the API, checked: a bad value is a clear 400 that
 * names the parameter, never a crash or a silently ignored filter.
 */

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD，例如 2026-12-01')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: '不是存在的日期',
    },
  )

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())

export const MAX_PAGE_SIZE = 100

const listQuery = z.object({
  q: optional(z.string().max(200, '搜索词最多 200 个字')),
  room: optional(z.string().max(200, '群名最多 200 个字')),
  from: optional(day),
  to: optional(day),
  topic: optional(z.string().max(100, '话题最多 100 个字')),
  kind: optional(z.enum(['topic', 'recap'], { message: '只能是 topic（话题讨论）或 recap（聊天总结）' })),
  status: optional(
    z.enum(['posted', 'waiting', 'dropped'], { message: '只能是 posted、waiting 或 dropped' }),
  ),
  page: optional(
    z.coerce
      .number({ message: '页码应为正整数' })
      .int('页码应为正整数')
      .min(1, '页码从 1 开始')
      .max(1_000_000_000, '页码太大了'),
  ),
  size: optional(
    z.coerce
      .number({ message: '每页条数应为正整数' })
      .int('每页条数应为正整数')
      .min(1, '每页至少 1 条')
      .max(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条`),
  ),
  format: optional(z.enum(['md', 'csv'], { message: '导出格式只能是 md 或 csv' })),
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
      problems: checked.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`),
    }
  }
  const { page, size, format, ...filters } = checked.data
  if (filters.from && filters.to && filters.from > filters.to) {
    return { ok: false, problems: ['from：开始日期晚于结束日期（to）'] }
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
