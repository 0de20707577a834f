import { describe, expect, it } from 'vitest'
import { LocalDays, localDate } from '../../src/time/zoned.js'

describe('LocalDays', () => {
  it('agrees with localDate on every instant, around midnights and DST changes included', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham']) {
      const days = new LocalDays(zone)
      // Every 7 minutes across two weeks of a DST change (New York, 2026-03-08), in order as messages come.
      const start = Date.UTC(2026, 2, 1)
      for (let ms = start; ms < start + 14 * 86_400_000; ms += 7 * 60_000) {
        expect(days.dayOf(ms)).toBe(localDate(new Date(ms), zone))
      }
      // And out of order, as a delayed message would.
      expect(days.dayOf(start - 86_400_000)).toBe(localDate(new Date(start - 86_400_000), zone))
    }
  })
})
