import { foldForSearch } from '../../src/text/normalize.js'

/** The fields a member is asked for when a room sets none of its own. */
export const DEFAULT_INTRO_FIELDS: readonly string[] = ['昵称', '最喜欢吃的食物', '空闲时喜欢做什么']

export type SynonymTable = Record<string, string[]>

/**
 * Canonical label → other ways members write it. The parser always prefers the longest label that
 * matches, so short variants (爱吃, 爱好) only apply where no longer one fits. Entries for fields
 * outside the default template are there for rooms that configure their own (城市 职业 爱好).
 */
export const DEFAULT_SYNONYMS: Readonly<SynonymTable> = {
  昵称: ['名字', '称呼', '网名', '姓名', '群昵称', '我叫', '叫我'],
  最喜欢吃的食物: [
    '最喜欢的食物',
    '最爱吃的食物',
    '喜欢吃的食物',
    '爱吃的食物',
    '喜欢的食物',
    '最喜欢吃的',
    '最爱吃的',
    '最喜欢吃',
    '最爱吃',
    '喜欢吃的',
    '爱吃的',
    '爱吃',
    '喜欢吃',
    '最爱的食物',
    '美食',
    '食物',
  ],
  空闲时喜欢做什么: [
    '空闲时间喜欢做什么',
    '空闲时喜欢',
    '空闲时间',
    '空闲时',
    '闲暇时间',
    '闲暇时',
    '业余时间',
    '业余爱好',
    '兴趣爱好',
    '爱好',
    '兴趣',
    '平时喜欢',
  ],
  城市: ['所在城市', '所在地', '坐标', '现居', '在哪'],
  职业: ['做什么工作', '工作', '行业'],
  爱好: ['空闲时喜欢做什么', '空闲时喜欢', '兴趣爱好', '业余爱好', '兴趣', '平时喜欢', '空闲时'],
  年龄: ['岁数'],
}

/** Union of two tables: extra variants are appended after the base ones, duplicates dropped. */
export function mergeSynonyms(
  base: Readonly<SynonymTable>,
  extra: Readonly<SynonymTable> | undefined,
): SynonymTable {
  const merged: SynonymTable = {}
  for (const table of [base, extra ?? {}]) {
    for (const [field, variants] of Object.entries(table)) {
      merged[field] = dedupe([...(merged[field] ?? []), ...variants])
    }
  }
  return merged
}

/**
 * Every label that names a field: the field itself first, then its synonyms. A table key written
 * in traditional characters or full width still applies (config files come from many hands).
 */
export function labelsFor(field: string, synonyms: Readonly<SynonymTable>): string[] {
  const key = foldForSearch(field)
  const variants = Object.entries(synonyms)
    .filter(([name]) => name === field || foldForSearch(name) === key)
    .flatMap(([, list]) => list)
  return dedupe([field, ...variants])
}

// Drops blanks and labels that fold to one already kept (名字 and 名字 written in full width).
function dedupe(labels: string[]): string[] {
  const seen = new Set<string>()
  const kept: string[] = []
  for (const label of labels) {
    const key = foldForSearch(label.trim())
    if (key === '' || seen.has(key)) continue
    seen.add(key)
    kept.push(label.trim())
  }
  return kept
}
