import { describe, expect, it } from 'vitest'
import { answerKeys, matchesAnswer } from '../answer-match.js'

const strict = { samePinyin: false }
const sameSound = { samePinyin: true }

describe('matching a guess against the open question', () => {
  const keys = answerKeys(['再接再厉', '再接再勵'])

  it('accepts the answer through full width, traditional characters, spaces and punctuation', () => {
    expect(matchesAnswer(keys, '再接再厉', strict)).toBe(true)
    expect(matchesAnswer(keys, ' 再接再厲！', strict)).toBe(true)
    expect(matchesAnswer(keys, '再 接 再 厉。', strict)).toBe(true)
  })

  it('accepts an alias from the pack', () => {
    const withAlias = answerKeys(['手机', '智能手机', 'iPhone'])
    expect(matchesAnswer(withAlias, '智能手机', strict)).toBe(true)
    expect(matchesAnswer(withAlias, 'ＩＰＨＯＮＥ', strict)).toBe(true)
  })

  it('takes a same-sound answer only where the room allows it', () => {
    expect(matchesAnswer(keys, '在接再励', strict)).toBe(false)
    expect(matchesAnswer(keys, '在接再励', sameSound)).toBe(true)
  })

  it('ignores emoji-only, empty and long chat messages', () => {
    expect(matchesAnswer(keys, '😂😂', sameSound)).toBe(false)
    expect(matchesAnswer(keys, '', sameSound)).toBe(false)
    expect(matchesAnswer(keys, `${'今天的作业有点难'.repeat(5)}再接再厉`, sameSound)).toBe(false)
  })

  it('does not take a wrong answer that merely contains the right one', () => {
    expect(matchesAnswer(keys, '再接再厉吧大家', strict)).toBe(false)
  })
})
