import { foldForSearch } from '../../src/text/normalize.js'
import { labelsFor, type SynonymTable } from './intro-fields.js'

/** What a field is about, so the reply can pick it up naturally (templates word each kind). */
export type FieldKind = 'name' | 'food' | 'hobby' | 'city' | 'job' | 'other'

export interface Detail {
  field: string
  value: string
  kind: FieldKind
}

// Checked in this order: 空闲时喜欢做什么 is listed under 爱好 too, and both mean hobby.
const KIND_ROOTS: Array<[FieldKind, string[]]> = [
  ['name', ['昵称']],
  ['food', ['最喜欢吃的食物']],
  ['hobby', ['空闲时喜欢做什么', '爱好']],
  ['city', ['城市']],
  ['job', ['职业']],
]

/** The kind of a room's field: its own name or any synonym of a known root decides. */
export function fieldKind(field: string, synonyms: Readonly<SynonymTable>): FieldKind {
  const key = foldForSearch(field.trim())
  for (const [kind, roots] of KIND_ROOTS) {
    const labels = roots.flatMap((root) => labelsFor(root, synonyms))
    if (labels.some((label) => foldForSearch(label) === key)) return kind
  }
  return 'other'
}

/**
 * The one detail the bot picks up when thanking a member. Any answered field but the name; the choice
 * hashes the intro itself, so two members get different details while a given intro always gets the
 * same one (transcripts stay stable).
 */
export function pickDetail(
  values: Readonly<Record<string, string>>,
  fields: readonly string[],
  synonyms: Readonly<SynonymTable>,
  seed: string,
): Detail | undefined {
  const answered = fields
    .filter((field) => (values[field] ?? '') !== '')
    .map((field) => ({ field, value: spoken(values[field] ?? ''), kind: fieldKind(field, synonyms) }))
  const candidates = answered.filter((d) => d.kind !== 'name')
  if (candidates.length === 0) return undefined
  return candidates[hash(seed) % candidates.length]
}

// 「打篮球🏀」 reads fine in an intro, not inside the bot's sentence 「平时爱打篮球🏀呀」.
const TRAILING_EMOJI = /(?:\s|\p{Extended_Pictographic}|\uFE0F|\u200D)+$/u

function spoken(value: string): string {
  return value.replace(TRAILING_EMOJI, '') || value
}

/** FNV-1a: tiny, stable across runs and platforms. */
export function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
