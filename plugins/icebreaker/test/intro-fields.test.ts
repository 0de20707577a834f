import { describe, expect, it } from 'vitest'
import { DEFAULT_INTRO_FIELDS, DEFAULT_SYNONYMS, labelsFor, mergeSynonyms } from '../intro-fields.js'

describe('intro fields', () => {
  it('defaults to the three icebreaker questions, each with synonyms', () => {
    expect(DEFAULT_INTRO_FIELDS).toEqual(['昵称', '最喜欢吃的食物', '空闲时喜欢做什么'])
    for (const field of DEFAULT_INTRO_FIELDS) expect(DEFAULT_SYNONYMS[field]?.length).toBeGreaterThan(3)
  })

  it('merges extra synonyms after the base ones without duplicates', () => {
    const merged = mergeSynonyms({ 昵称: ['名字', '网名'] }, { 昵称: ['网名', '代号', ' '], 星座: ['星座'] })
    expect(merged).toEqual({ 昵称: ['名字', '网名', '代号'], 星座: ['星座'] })
  })

  it('does not modify its inputs', () => {
    const base = { 昵称: ['名字'] }
    mergeSynonyms(base, { 昵称: ['代号'] })
    expect(base).toEqual({ 昵称: ['名字'] })
    expect(mergeSynonyms(base, undefined)).toEqual(base)
  })

  it('lists the field first, then its synonyms', () => {
    expect(labelsFor('昵称', { 昵称: ['名字', '昵称', '名字'] })).toEqual(['昵称', '名字'])
    expect(labelsFor('星座', DEFAULT_SYNONYMS)).toEqual(['星座'])
  })

  it('finds synonyms under a traditional or full-width key', () => {
    expect(labelsFor('昵称', { 暱稱: ['名字'] })).toEqual(['昵称', '名字'])
    expect(labelsFor('职业', { 職業: ['工作'] })).toEqual(['职业', '工作'])
  })
})
