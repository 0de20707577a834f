import { describe, expect, it } from 'vitest'
import { countRound, parseQuestionCount, parseSettingChange, roundsToday } from '../room-settings.js'

describe('room settings a leader types', () => {
  it('reads the daily limit, the time limit and the same-sound switch', () => {
    expect(parseSettingChange('每日', '5')).toEqual({ ok: true, key: 'dailyRounds', value: 5 })
    expect(parseSettingChange('時限', '９０')).toEqual({ ok: true, key: 'timeLimitSeconds', value: 90 })
    expect(parseSettingChange('同音', '开')).toEqual({ ok: true, key: 'samePinyin', value: true })
    expect(parseSettingChange('同音', 'OFF')).toEqual({ ok: true, key: 'samePinyin', value: false })
  })

  it('names the accepted range for a number out of it or not a number', () => {
    expect(parseSettingChange('时限', '5')).toEqual({ ok: false, problem: 'bad-number', min: 10, max: 600 })
    expect(parseSettingChange('每日', 'abc')).toMatchObject({ ok: false, problem: 'bad-number' })
    expect(parseSettingChange('同音', '也许')).toEqual({ ok: false, problem: 'bad-switch' })
    expect(parseSettingChange('颜色', '红')).toEqual({ ok: false, problem: 'unknown-key' })
  })
})

describe('how many questions a round has', () => {
  it('defaults, caps with a word, and refuses what is not a number', () => {
    expect(parseQuestionCount(undefined, 5)).toEqual({ ok: true, count: 5, capped: false })
    expect(parseQuestionCount('３', 5)).toEqual({ ok: true, count: 3, capped: false })
    expect(parseQuestionCount('1000', 5)).toEqual({ ok: true, count: 20, capped: true })
    expect(parseQuestionCount('abc', 5)).toEqual({ ok: false, min: 1, max: 20 })
    expect(parseQuestionCount('0', 5)).toEqual({ ok: false, min: 1, max: 20 })
  })
})

describe('the daily count of rounds', () => {
  it('counts within a day and starts again the next', () => {
    const first = countRound(undefined, '2026-12-01')
    const second = countRound(first, '2026-12-01')
    expect(roundsToday(second, '2026-12-01')).toBe(2)
    expect(roundsToday(second, '2026-12-02')).toBe(0)
    expect(countRound(second, '2026-12-02')).toEqual({ day: '2026-12-02', rounds: 1 })
  })
})
