import { describe, expect, it } from 'vitest'
import { DEFAULT_SYNONYMS, mergeSynonyms } from '../intro-fields.js'
import { hobbyOf, type Profile } from '../profiles.js'

const profile = (fields: Record<string, string>): Profile => ({
  memberKey: 'm1',
  name: '小明',
  fields,
  updatedAt: '2025-01-01T00:00:00.000Z',
})

describe('hobbyOf', () => {
  it('reads the default hobby field', () => {
    expect(hobbyOf(profile({ 昵称: '小明', 空闲时喜欢做什么: '爬山' }), DEFAULT_SYNONYMS)).toBe('爬山')
  })

  it('reads a room field that means the same', () => {
    expect(hobbyOf(profile({ 兴趣爱好: '摄影' }), DEFAULT_SYNONYMS)).toBe('摄影')
    expect(hobbyOf(profile({ 爱好: '跑步' }), DEFAULT_SYNONYMS)).toBe('跑步')
  })

  it('uses configured synonyms too', () => {
    const synonyms = mergeSynonyms(DEFAULT_SYNONYMS, { 空闲时喜欢做什么: ['周末干嘛'] })
    expect(hobbyOf(profile({ 周末干嘛: '露营' }), synonyms)).toBe('露营')
  })

  it('is undefined without a profile or a hobby', () => {
    expect(hobbyOf(undefined, DEFAULT_SYNONYMS)).toBeUndefined()
    expect(hobbyOf(profile({ 昵称: '小明', 城市: '杭州' }), DEFAULT_SYNONYMS)).toBeUndefined()
  })
})
