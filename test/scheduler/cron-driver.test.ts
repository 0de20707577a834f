import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type JobRun, MemoryJobPersistence, Scheduler } from '../../src/scheduler/index.js'
import { SystemClock } from '../../src/time/clock.js'
import { sh, TZ } from './helpers.js'

const MINUTE = 60_000

describe('Scheduler with the node-cron driver', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(sh('2024-03-01 07:58'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function cronScheduler() {
    const persistence = new MemoryJobPersistence()
    const scheduler = new Scheduler({ clock: new SystemClock(TZ), persistence, driver: 'cron' })
    const runs: JobRun[] = []
    return { persistence, scheduler, runs, handler: (run: JobRun) => void runs.push(run) }
  }

  it('fires a daily job once at its slot and records it', async () => {
    const { persistence, scheduler, runs, handler } = cronScheduler()
    scheduler.daily('morning', '08:00', handler)
    await scheduler.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(runs).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(10 * MINUTE)
    await scheduler.idle()
    expect(runs).toEqual([{ id: 'morning', scheduledFor: sh('2024-03-01 08:00'), catchingUp: false }])
    expect(persistence.get('morning')?.lastRun).toBe(sh('2024-03-01 08:00').toISOString())
    expect(scheduler.nextRun('morning')).toEqual(sh('2024-03-02 08:00'))
    await scheduler.stop()
  })

  it('makes jobs registered after start() live at once', async () => {
    const { scheduler, runs, handler } = cronScheduler()
    await scheduler.start()
    scheduler.cron('tick', '*/2 * * * *', handler)
    await vi.advanceTimersByTimeAsync(5 * MINUTE)
    expect(runs.map((r) => r.scheduledFor)).toEqual([sh('2024-03-01 08:00'), sh('2024-03-01 08:02')])
    await scheduler.stop()
  })

  it('reports a throwing handler through onError and keeps the timer alive', async () => {
    const errors: JobRun[] = []
    const clock = new SystemClock(TZ)
    const persistence = new MemoryJobPersistence()
    const scheduler = new Scheduler({
      clock,
      persistence,
      driver: 'cron',
      onError: (_, run) => errors.push(run),
    })
    scheduler.cron('flaky', '* * * * *', () => {
      throw new Error('boom')
    })
    await scheduler.start()
    await vi.advanceTimersByTimeAsync(3 * MINUTE)
    expect(errors.map((r) => r.scheduledFor)).toEqual([
      sh('2024-03-01 07:59'),
      sh('2024-03-01 08:00'),
      sh('2024-03-01 08:01'),
    ])
    await scheduler.stop()
  })

  it('stop() destroys the timers', async () => {
    const { scheduler, runs, handler } = cronScheduler()
    scheduler.daily('morning', '08:00', handler)
    await scheduler.start()
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    await scheduler.stop()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(2 * 24 * 60 * MINUTE)
    expect(runs).toHaveLength(0)
  })

  it('re-registering replaces the timer: one run per slot, on the new schedule', async () => {
    const { scheduler, runs, handler } = cronScheduler()
    scheduler.daily('greet', '08:00', handler)
    await scheduler.start()
    scheduler.daily('greet', '08:01', handler)
    await vi.advanceTimersByTimeAsync(5 * MINUTE)
    expect(runs.map((r) => r.scheduledFor)).toEqual([sh('2024-03-01 08:01')])
    expect(vi.getTimerCount()).toBe(1)
    await scheduler.stop()
  })
})
