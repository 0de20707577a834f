import { describe, expect, it } from 'vitest'
import { readTemplateFields } from '../template-fields.js'

describe('readTemplateFields', () => {
  it('takes the words as fields, in order', () => {
    expect(readTemplateFields(['昵称', '城市', '职业'])).toEqual({
      ok: true,
      fields: ['昵称', '城市', '职业'],
    })
  })

  it('splits lists typed with 、 and commas and drops trailing colons', () => {
    expect(readTemplateFields(['昵称：', '城市、职业，爱好'])).toEqual({
      ok: true,
      fields: ['昵称', '城市', '职业', '爱好'],
    })
  })

  it('keeps a field written twice once, even in traditional characters', () => {
    expect(readTemplateFields(['昵称', '暱稱', '城市'])).toEqual({ ok: true, fields: ['昵称', '城市'] })
  })

  it('refuses more than eight fields', () => {
    const words = ['一', '二', '三', '四', '五', '六', '七', '八', '九']
    expect(readTemplateFields(words)).toEqual({ ok: false, code: 'too-many-fields', count: 9, max: 8 })
    expect(readTemplateFields(words.slice(0, 8)).ok).toBe(true)
  })

  it('refuses a field that is a sentence rather than a label', () => {
    const long = '你最近一次去旅行是去了哪里玩得开心吗'
    expect(readTemplateFields(['昵称', long])).toEqual({
      ok: false,
      code: 'field-too-long',
      field: long,
      max: 15,
    })
  })

  it('says so when nothing usable is left', () => {
    expect(readTemplateFields(['、', '：'])).toEqual({ ok: false, code: 'no-fields' })
  })
})
