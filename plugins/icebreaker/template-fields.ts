import { foldForSearch } from '../../src/text/normalize.js'
import { trimPunctuation } from '../../src/text/trim.js'

/** More than this and the template stops being a quick icebreaker and becomes a form. */
export const MAX_FIELDS = 8
/** 空闲时喜欢做什么 is 8; a label much longer than that is a sentence, not a field. */
export const MAX_FIELD_CHARS = 15

export type FieldsResult =
  | { ok: true; fields: string[] }
  | { ok: false; code: 'too-many-fields'; count: number; max: number }
  | { ok: false; code: 'field-too-long'; field: string; max: number }
  | { ok: false; code: 'no-fields' }

// Leaders list fields however they type lists: spaces (split already), 、 ， , ； ;
const LIST_SEPARATORS = /[、，,；;]/

/**
 * Reads `/破冰 模板 昵称 城市：…` words into template fields: trailing colons and list punctuation are
 * dropped, and a field written twice (even once in traditional characters) is kept once.
 */
export function readTemplateFields(words: string[]): FieldsResult {
  const seen = new Set<string>()
  const fields: string[] = []
  for (const word of words.flatMap((w) => w.split(LIST_SEPARATORS))) {
    const field = trimPunctuation(word.replace(/[:：]+$/u, ''))
    const key = foldForSearch(field)
    if (field === '' || seen.has(key)) continue
    seen.add(key)
    fields.push(field)
  }
  if (fields.length === 0) return { ok: false, code: 'no-fields' }
  if (fields.length > MAX_FIELDS)
    return { ok: false, code: 'too-many-fields', count: fields.length, max: MAX_FIELDS }
  const long = fields.find((field) => Array.from(field).length > MAX_FIELD_CHARS)
  if (long !== undefined) return { ok: false, code: 'field-too-long', field: long, max: MAX_FIELD_CHARS }
  return { ok: true, fields }
}
