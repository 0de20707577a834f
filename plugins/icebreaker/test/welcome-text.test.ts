import { describe, expect, it } from 'vitest'
import { fillWelcome, mentionText, nameList } from '../welcome-text.js'

const vars = { newcomers: '@小明 @小红', topic: '读书会', leaders: '王老师、李老师' }

describe('fillWelcome', () => {
  it('replaces the three placeholders', () => {
    expect(fillWelcome('欢迎 {新人} 来到{群名}，有事找{组长}！', vars)).toBe(
      '欢迎 @小明 @小红 来到读书会，有事找王老师、李老师！',
    )
  })

  it('accepts full-width braces and repeats', () => {
    expect(fillWelcome('｛群名｝欢迎你们～{群名}', vars)).toBe('@小明 @小红 读书会欢迎你们～读书会')
  })

  it('sets the mentions off from words around them', () => {
    expect(fillWelcome('欢迎{新人}来到{群名}', vars)).toBe('欢迎 @小明 @小红 来到读书会')
    expect(fillWelcome('{新人}，欢迎！', vars)).toBe('@小明 @小红，欢迎！')
  })

  it('puts the mentions in front when the text has no {新人}', () => {
    expect(fillWelcome('欢迎新朋友！', vars)).toBe('@小明 @小红 欢迎新朋友！')
  })

  it('never evaluates template syntax in the leader text', () => {
    expect(fillWelcome('{{ 7*7 }} {% if x %}{新人}', vars)).toBe('{{ 7*7 }} {% if x %}@小明 @小红')
  })

  it('leaves unknown placeholders as typed', () => {
    expect(fillWelcome('{新人} 你好 {时间}', vars)).toBe('@小明 @小红 你好 {时间}')
  })
})

describe('mention and name lists', () => {
  it('writes mentions and names the way the chat shows them', () => {
    const members = [
      { key: 'a', name: '小明' },
      { key: 'b', name: '小红' },
    ]
    expect(mentionText(members)).toBe('@小明 @小红')
    expect(nameList(members)).toBe('小明、小红')
    expect(nameList([])).toBe('')
  })
})
