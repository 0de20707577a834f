import { describe, expect, it } from 'vitest'
import { DEFAULT_INTRO_FIELDS, DEFAULT_SYNONYMS } from '../intro-fields.js'
import { decideIntro } from '../intro-outcome.js'
import { parseIntro } from '../intro-parser.js'

const fields = [...DEFAULT_INTRO_FIELDS]
const decide = (text: string, known = {}) =>
  decideIntro(parseIntro(text, fields, DEFAULT_SYNONYMS), fields, known)
const full = { 昵称: '小明', 最喜欢吃的食物: '火锅', 空闲时喜欢做什么: '看书' }

describe('decideIntro', () => {
  it('ignores ordinary chat', () => {
    expect(decide('今天天气不错')).toEqual({ type: 'none' })
  })

  it('records a complete intro as new', () => {
    expect(decide('昵称：小明 爱吃：火锅 爱好：看书')).toEqual({
      type: 'recorded',
      values: full,
      updated: false,
    })
  })

  it('asks for what is missing and remembers what was given', () => {
    expect(decide('昵称：小明')).toEqual({
      type: 'partial',
      missing: ['最喜欢吃的食物', '空闲时喜欢做什么'],
      draft: { 昵称: '小明' },
    })
  })

  it('completes an intro written in pieces', () => {
    expect(decide('爱吃：火锅，爱好：看书', { draft: { 昵称: '小明' } })).toEqual({
      type: 'recorded',
      values: full,
      updated: false,
    })
  })

  it('updates a recorded profile with the fields given again', () => {
    expect(decide('爱好：跑步', { profile: full })).toEqual({
      type: 'recorded',
      values: { ...full, 空闲时喜欢做什么: '跑步' },
      updated: true,
    })
  })

  it('leaves a profile alone when the message answers nothing', () => {
    expect(decide('昵称：', { profile: full })).toEqual({ type: 'none' })
  })

  it('names a field added to the template after the member introduced', () => {
    const withCity = [...fields, '城市']
    const parse = parseIntro('爱好：跑步', withCity, DEFAULT_SYNONYMS)
    expect(decideIntro(parse, withCity, { profile: full })).toMatchObject({
      type: 'partial',
      missing: ['城市'],
    })
  })
})
