import { describe, expect, it } from 'vitest'
import { ScheduleError } from '../../src/scheduler/index.js'
import { manualScheduler } from './helpers.js'

describe('schedule validation', () => {
  // Each test gets its own scheduler: none relies on what an earlier one registered or refused.
  const fresh = () => manualScheduler('2024-03-01 07:00').scheduler
  const noop = () => {}

  it.each([
    ['61 * * * *', /minute/],
    ['* * * * * * *', /5 or 6 fields/],
    ['every day', /invalid cron/],
    ['', /invalid cron/],
    ['0 0 30 2 *', /impossible|day of month/i],
    ['0 8 1 * 1', /day-of-month and day-of-week/],
  ])('rejects cron %j', (expr, why) => {
    const scheduler = fresh()
    expect(() => scheduler.cron('job', expr, noop)).toThrow(ScheduleError)
    expect(() => scheduler.cron('job', expr, noop)).toThrow(why)
  })

  it.each(['24:00', '8:60', '08-00', 'eight', ''])('rejects HH:mm %j', (hhmm) => {
    const scheduler = fresh()
    expect(() => scheduler.daily('job', hhmm, noop)).toThrow(ScheduleError)
    expect(() => scheduler.daily('job', hhmm, noop)).toThrow(/invalid time/)
  })

  it('rejects an unknown time zone', () => {
    const scheduler = fresh()
    expect(() => scheduler.daily('job', '08:00', noop, { timeZone: 'Mars/Olympus' })).toThrow(ScheduleError)
    expect(() => scheduler.daily('job', '08:00', noop, { timeZone: 'Mars/Olympus' })).toThrow(/time zone/)
  })

  it('registers nothing when validation fails', () => {
    const scheduler = fresh()
    expect(() => scheduler.cron('job', '61 * * * *', noop)).toThrow(ScheduleError)
    expect(() => scheduler.daily('job', '24:00', noop)).toThrow(ScheduleError)
    expect(() => scheduler.daily('job', '08:00', noop, { timeZone: 'Mars/Olympus' })).toThrow(ScheduleError)
    expect(scheduler.has('job')).toBe(false)
    expect(scheduler.list()).toEqual([])
  })

  it('accepts 5- and 6-field expressions, nicknames and full-width colons', () => {
    const scheduler = fresh()
    scheduler.cron('five', '*/5 * * * *', noop)
    scheduler.cron('six', '30 0 8 * * 1-5', noop)
    scheduler.cron('nick', '@daily', noop)
    scheduler.daily('wide', '7：05', noop, { timeZone: 'asia/shanghai' })
    expect(scheduler.list().find((r) => r.id === 'wide')).toMatchObject({
      cron: '5 7 * * *',
      timeZone: 'Asia/Shanghai',
    })
  })
})
