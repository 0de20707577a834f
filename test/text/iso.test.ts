import { describe, expect, it } from 'vitest'
import { isoInstant } from '../../src/time/iso.js'

describe('isoInstant', () => {
  it('writes exactly what toISOString writes', () => {
    const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 1_700_000_000_000, 1_700_000_000_007, 1_700_000_000_070]
    for (let ms = Date.UTC(2026, 10, 23, 15, 59, 59, 990); ms < Date.UTC(2026, 10, 23, 16, 0, 0, 20); ms++)
      samples.push(ms)
    samples.push(253_402_300_799_999, 253_402_300_800_000, -1, 1.5)
    for (const ms of samples) expect(isoInstant(ms)).toBe(new Date(ms).toISOString())
  })
})
