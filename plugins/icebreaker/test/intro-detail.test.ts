import { describe, expect, it } from 'vitest'
import { fieldKind, hash, pickDetail } from '../intro-detail.js'
import { DEFAULT_INTRO_FIELDS, DEFAULT_SYNONYMS } from '../intro-fields.js'

const fields = [...DEFAULT_INTRO_FIELDS]
const values = { 昵称: '小明', 最喜欢吃的食物: '火锅', 空闲时喜欢做什么: '看书' }

describe('fieldKind', () => {
  it('knows the default fields and their synonyms', () => {
    expect(fieldKind('昵称', DEFAULT_SYNONYMS)).toBe('name')
    expect(fieldKind('最喜欢吃的食物', DEFAULT_SYNONYMS)).toBe('food')
    expect(fieldKind('爱吃', DEFAULT_SYNONYMS)).toBe('food')
    expect(fieldKind('空闲时喜欢做什么', DEFAULT_SYNONYMS)).toBe('hobby')
    expect(fieldKind('兴趣爱好', DEFAULT_SYNONYMS)).toBe('hobby')
    expect(fieldKind('所在城市', DEFAULT_SYNONYMS)).toBe('city')
    expect(fieldKind('職業', DEFAULT_SYNONYMS)).toBe('job')
    expect(fieldKind('星座', DEFAULT_SYNONYMS)).toBe('other')
  })
})

describe('pickDetail', () => {
  it('never picks the name, and picks the same detail for the same intro', () => {
    const first = pickDetail(values, fields, DEFAULT_SYNONYMS, 'seed-1')
    expect(first?.kind).not.toBe('name')
    expect(pickDetail(values, fields, DEFAULT_SYNONYMS, 'seed-1')).toEqual(first)
  })

  it('varies between intros', () => {
    const kinds = new Set(
      ['小明', '小红', '小刚', '阿花', '老李', '小王'].map(
        (seed) => pickDetail(values, fields, DEFAULT_SYNONYMS, seed)?.kind,
      ),
    )
    expect(kinds).toEqual(new Set(['food', 'hobby']))
  })

  it('skips fields without an answer and gives up when only the name is left', () => {
    expect(pickDetail({ 昵称: '小明', 最喜欢吃的食物: '火锅' }, fields, DEFAULT_SYNONYMS, 'x')).toEqual({
      field: '最喜欢吃的食物',
      value: '火锅',
      kind: 'food',
    })
    expect(pickDetail({ 昵称: '小明' }, fields, DEFAULT_SYNONYMS, 'x')).toBeUndefined()
  })

  it('leaves trailing emoji out of the detail it quotes', () => {
    expect(pickDetail({ 最喜欢吃的食物: '火锅🍲🍲' }, fields, DEFAULT_SYNONYMS, 'x')?.value).toBe('火锅')
    expect(pickDetail({ 最喜欢吃的食物: '🍲' }, fields, DEFAULT_SYNONYMS, 'x')?.value).toBe('🍲')
  })

  it('spreads different seeds over different values, so the detail quoted does not depend on input order', () => {
    const seeds = Array.from({ length: 50 }, (_, i) => `成员${i}`)
    const buckets = new Set(seeds.map((seed) => hash(seed) % 2))
    expect(buckets).toEqual(new Set([0, 1]))
    expect(new Set(seeds.map(hash)).size).toBe(seeds.length)
  })
})
