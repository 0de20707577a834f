import { describe, expect, it } from 'vitest'
import { MemoryJobPersistence, Scheduler } from '../../src/scheduler/index.js'
import { SystemClock } from '../../src/time/clock.js'
import { manualScheduler, recorder, sh, TZ } from './helpers.js'

describe('Scheduler with the manual driver', () => {
  it('fires a daily job at 08:00 Shanghai time, not 08:00 UTC', async () => {
    const { clock, scheduler } = manualScheduler('2024-03-01 07:59')
    const { runs, handler } = recorder(clock)
    scheduler.daily('morning', '08:00', handler)
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-01 08:01'))
    expect(runs.map((r) => r.slot)).toEqual([sh('2024-03-01 08:00').toISOString()])
    // 08:00 UTC is 16:00 in Shanghai: nothing more may fire up to then.
    await scheduler.advanceTo(sh('2024-03-01 16:30'))
    expect(runs).toHaveLength(1)
    expect(clock.now()).toEqual(sh('2024-03-01 16:30'))
  })

  it('fires once per day, in order, across a three-day jump, with the clock at each slot', async () => {
    const { clock, scheduler } = manualScheduler('2024-03-01 07:00')
    const { runs, handler } = recorder(clock)
    scheduler.daily('morning', '08：00', handler)
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-04 07:00'))
    const expected = ['2024-03-01 08:00', '2024-03-02 08:00', '2024-03-03 08:00'].map((t) =>
      sh(t).toISOString(),
    )
    expect(runs.map((r) => r.slot)).toEqual(expected)
    expect(runs.map((r) => r.now)).toEqual(expected)
    expect(runs.every((r) => !r.catchingUp)).toBe(true)
    expect(clock.now()).toEqual(sh('2024-03-04 07:00'))
  })

  it('interleaves jobs chronologically, ties in registration order', async () => {
    const { clock, scheduler } = manualScheduler('2024-03-01 00:00')
    const order: string[] = []
    const log = (label: string) => () => {
      order.push(`${label}@${clock.now().toISOString()}`)
    }
    scheduler.daily('evening', '22:30', log('evening'))
    scheduler.daily('morning', '08:00', log('morning'))
    scheduler.cron('twice', '0 8,22 * * *', log('twice'))
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-02 23:00'))
    const at = (label: string, local: string) => `${label}@${sh(local).toISOString()}`
    expect(order).toEqual([
      at('morning', '2024-03-01 08:00'),
      at('twice', '2024-03-01 08:00'),
      at('twice', '2024-03-01 22:00'),
      at('evening', '2024-03-01 22:30'),
      at('morning', '2024-03-02 08:00'),
      at('twice', '2024-03-02 08:00'),
      at('twice', '2024-03-02 22:00'),
      at('evening', '2024-03-02 22:30'),
    ])
  })

  it('includes a slot equal to the target and excludes one equal to the start', async () => {
    const { clock, scheduler } = manualScheduler('2024-03-01 08:00')
    const { runs, handler } = recorder(clock)
    scheduler.daily('morning', '08:00', handler)
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-02 08:00'))
    expect(runs.map((r) => r.slot)).toEqual([sh('2024-03-02 08:00').toISOString()])
  })

  it('replaces a job when its id is registered again', async () => {
    const { clock, scheduler } = manualScheduler('2024-03-01 07:00')
    const first = recorder(clock, 'first')
    const second = recorder(clock, 'second')
    scheduler.daily('greet', '08:00', first.handler)
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-01 09:00'))
    scheduler.daily('greet', '10:00', second.handler)
    scheduler.daily('greet', '10:00', second.handler)
    await scheduler.advanceTo(sh('2024-03-02 11:00'))
    expect(first.runs.map((r) => r.slot)).toEqual([sh('2024-03-01 08:00').toISOString()])
    expect(second.runs.map((r) => r.slot)).toEqual(
      ['2024-03-01 10:00', '2024-03-02 10:00'].map((t) => sh(t).toISOString()),
    )
    expect(scheduler.list()).toHaveLength(1)
  })

  it('keeps lastRun when re-registered with the same schedule, so the slot does not run again', async () => {
    const { clock, scheduler } = manualScheduler('2024-03-01 07:00')
    const { runs, handler } = recorder(clock)
    scheduler.daily('greet', '08:00', handler)
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-01 08:00'))
    scheduler.daily('greet', '08:00', handler, { catchUp: 'once' })
    await scheduler.idle()
    expect(scheduler.list()[0]).toMatchObject({
      lastRun: sh('2024-03-01 08:00').toISOString(),
      catchUp: 'once',
    })
    await scheduler.advanceTo(sh('2024-03-01 12:00'))
    expect(runs).toHaveLength(1)
  })

  it('reports a throwing handler through onError and keeps running later slots and other jobs', async () => {
    const { clock, scheduler, errors } = manualScheduler('2024-03-01 07:00')
    const { runs, handler } = recorder(clock)
    let calls = 0
    scheduler.daily('broken', '08:00', () => {
      calls++
      throw new Error('boom')
    })
    scheduler.daily('fine', '09:00', handler)
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-03 10:00'))
    expect(calls).toBe(3)
    expect(runs).toHaveLength(3)
    expect(errors.map((e) => [(e.error as Error).message, e.run.id, e.run.scheduledFor])).toEqual([
      ['boom', 'broken', sh('2024-03-01 08:00')],
      ['boom', 'broken', sh('2024-03-02 08:00')],
      ['boom', 'broken', sh('2024-03-03 08:00')],
    ])
  })

  it('honours jobs that a handler registers during the advance', async () => {
    const { clock, scheduler } = manualScheduler('2024-03-01 07:00')
    const { runs, handler } = recorder(clock, 'reminder')
    scheduler.daily('setup', '08:00', () => {
      if (!scheduler.has('reminder')) scheduler.cron('reminder', '0 */6 * * *', handler)
    })
    await scheduler.start()
    await scheduler.advanceTo(sh('2024-03-01 20:00'))
    expect(runs.map((r) => r.slot)).toEqual(
      ['2024-03-01 12:00', '2024-03-01 18:00'].map((t) => sh(t).toISOString()),
    )
  })

  it('cancels a job and removes its record', async () => {
    const persistence = new MemoryJobPersistence()
    const { clock, scheduler } = manualScheduler('2024-03-01 07:00', persistence)
    const { runs, handler } = recorder(clock)
    scheduler.daily('morning', '08:00', handler)
    await scheduler.start()
    await scheduler.idle()
    expect(persistence.get('morning')).toBeDefined()
    await scheduler.cancel('morning')
    await scheduler.advanceTo(sh('2024-03-02 09:00'))
    expect(runs).toHaveLength(0)
    expect(scheduler.has('morning')).toBe(false)
    expect(persistence.get('morning')).toBeUndefined()
  })

  it('reports the next run in the job time zone', async () => {
    const { scheduler } = manualScheduler('2024-03-01 07:00')
    scheduler.daily('morning', '08:00', () => {})
    scheduler.daily('utc', '08:00', () => {}, { timeZone: 'UTC' })
    expect(scheduler.nextRun('morning')).toEqual(sh('2024-03-01 08:00'))
    expect(scheduler.nextRun('utc')).toEqual(new Date('2024-03-01T08:00:00Z'))
    expect(scheduler.nextRun('missing')).toBeUndefined()
    expect(scheduler.list().map((r) => [r.id, r.cron, r.timeZone, r.catchUp])).toEqual([
      ['morning', '0 8 * * *', TZ, 'skip'],
      ['utc', '0 8 * * *', 'UTC', 'skip'],
    ])
  })

  it('refuses advanceTo without a manual driver, before start, or backwards', async () => {
    const persistence = new MemoryJobPersistence()
    const cron = new Scheduler({ clock: new SystemClock(TZ), persistence, driver: 'cron' })
    await expect(cron.advanceTo(new Date())).rejects.toThrow(/manual driver/)
    const { scheduler } = manualScheduler('2024-03-01 07:00')
    await expect(scheduler.advanceTo(sh('2024-03-01 08:00'))).rejects.toThrow(/start\(\)/)
    await scheduler.start()
    await expect(scheduler.advanceTo(sh('2024-03-01 06:00'))).rejects.toThrow(RangeError)
    const notManual = new Scheduler({ clock: new SystemClock(TZ), persistence, driver: 'manual' })
    await notManual.start()
    await expect(notManual.advanceTo(new Date(Date.now() + 1000))).rejects.toThrow(/ManualClock/)
  })
})
