import { describe, expect, it } from 'vitest'
import { nextLocalDayStart, quietUntil } from '../../src/outbox/index.js'
import { shanghai, ZONE } from './helpers.js'

const night = { start: '22:30', end: '08:00' }

describe('quietUntil', () => {
  it('ends a window that wraps midnight at the next 08:00', () => {
    expect(quietUntil(shanghai('2024-05-01 23:00'), night, ZONE)).toEqual(shanghai('2024-05-02 08:00'))
    expect(quietUntil(shanghai('2024-05-02 07:59'), night, ZONE)).toEqual(shanghai('2024-05-02 08:00'))
    expect(quietUntil(shanghai('2024-05-01 22:30'), night, ZONE)).toEqual(shanghai('2024-05-02 08:00'))
  })

  it('is undefined outside the window, at its end included', () => {
    expect(quietUntil(shanghai('2024-05-02 08:00'), night, ZONE)).toBeUndefined()
    expect(quietUntil(shanghai('2024-05-01 22:29'), night, ZONE)).toBeUndefined()
  })

  it('handles a window within one day and ignores unusable ones', () => {
    const lunch = { start: '12:00', end: '13:30' }
    expect(quietUntil(shanghai('2024-05-01 12:10'), lunch, ZONE)).toEqual(shanghai('2024-05-01 13:30'))
    expect(quietUntil(shanghai('2024-05-01 14:00'), lunch, ZONE)).toBeUndefined()
    expect(quietUntil(shanghai('2024-05-01 12:10'), { start: 'noon', end: '13:00' }, ZONE)).toBeUndefined()
    expect(quietUntil(shanghai('2024-05-01 12:10'), { start: '12:00', end: '12:00' }, ZONE)).toBeUndefined()
  })
})

describe('nextLocalDayStart', () => {
  it('is the next local midnight, across a month end', () => {
    expect(nextLocalDayStart(shanghai('2024-05-31 23:59'), ZONE)).toEqual(shanghai('2024-06-01 00:00'))
    expect(nextLocalDayStart(shanghai('2024-05-01 00:00'), ZONE)).toEqual(shanghai('2024-05-02 00:00'))
  })
})
