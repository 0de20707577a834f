import { describe, expect, it } from 'vitest'
import { isGiftClaim } from '../claims.js'

describe('isGiftClaim', () => {
  it.each([
    ['礼物', true],
    ['领礼物', true],
    ['我来领取一下', true],
    ['@小助手 我的礼物呢？', true],
    ['禮物', true],
    ['領取', true],
    ['礼 物', true],
    ['领～取！', true],
    // Documented simplification: any mention counts.
    ['这礼物真好看', true],
    ['大家好', false],
    ['领导来了', false],
    ['礼拜天见', false],
    ['', false],
    ['🎁', false],
  ])('%j → %s', (text, expected) => {
    expect(isGiftClaim(text)).toBe(expected)
  })
})
