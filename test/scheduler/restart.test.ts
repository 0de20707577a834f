import { describe, expect, it } from 'vitest'
import { type CatchUpPolicy, MemoryJobPersistence } from '../../src/scheduler/index.js'
import { manualScheduler, recorder, sh } from './helpers.js'

/** Day 1: the bot runs the 22:30 job, then goes down. Returns the shared persistence. */
async function dayOneThenDown(catchUp: CatchUpPolicy) {
  const persistence = new MemoryJobPersistence()
  const { clock, scheduler } = manualScheduler('2024-03-01 20:00', persistence)
  const { runs, handler } = recorder(clock)
  scheduler.daily('digest', '22:30', handler, { catchUp })
  await scheduler.start()
  await scheduler.advanceTo(sh('2024-03-01 23:00'))
  await scheduler.stop()
  expect(runs).toHaveLength(1)
  return persistence
}

/** A fresh Scheduler on the same persistence: the bot restarted at `at`. */
async function restartAt(persistence: MemoryJobPersistence, at: string, catchUp: CatchUpPolicy) {
  const bot = manualScheduler(at, persistence)
  const digest = recorder(bot.clock)
  bot.scheduler.daily('digest', '22:30', digest.handler, { catchUp })
  await bot.scheduler.start()
  await bot.scheduler.idle()
  return { ...bot, runs: digest.runs }
}

describe('Scheduler across restarts', () => {
  it("runs a missed job exactly once with catchUp 'once', however many slots were missed", async () => {
    const persistence = await dayOneThenDown('once')
    const { runs, clock, scheduler } = await restartAt(persistence, '2024-03-03 08:00', 'once')
    expect(runs).toEqual([
      {
        label: '',
        slot: sh('2024-03-02 22:30').toISOString(),
        now: sh('2024-03-03 08:00').toISOString(),
        catchingUp: true,
      },
    ])
    expect(persistence.get('digest')?.lastRun).toBe(sh('2024-03-02 22:30').toISOString())
    // The same day the regular slot still runs, and only once.
    await scheduler.advanceTo(sh('2024-03-03 23:00'))
    expect(runs.map((r) => r.slot)).toEqual(
      ['2024-03-02 22:30', '2024-03-03 22:30'].map((t) => sh(t).toISOString()),
    )
    expect(clock.now()).toEqual(sh('2024-03-03 23:00'))
  })

  it('never catches up twice when restarted again at the same time', async () => {
    const persistence = await dayOneThenDown('once')
    const first = await restartAt(persistence, '2024-03-03 08:00', 'once')
    expect(first.runs).toHaveLength(1)
    const second = await restartAt(persistence, '2024-03-03 08:00', 'once')
    expect(second.runs).toHaveLength(0)
  })

  it("does not run missed slots with catchUp 'skip', but records them as passed", async () => {
    const persistence = await dayOneThenDown('skip')
    const { runs } = await restartAt(persistence, '2024-03-03 08:00', 'skip')
    expect(runs).toHaveLength(0)
    expect(persistence.get('digest')?.lastRun).toBe(sh('2024-03-02 22:30').toISOString())
  })

  it('does not catch up when nothing was missed', async () => {
    const persistence = await dayOneThenDown('once')
    const { runs } = await restartAt(persistence, '2024-03-02 08:00', 'once')
    expect(runs).toHaveLength(0)
  })

  it('records a brand-new job as of now without running it', async () => {
    const persistence = new MemoryJobPersistence()
    const { runs } = await restartAt(persistence, '2024-03-03 08:00', 'once')
    expect(runs).toHaveLength(0)
    expect(persistence.get('digest')?.lastRun).toBe(sh('2024-03-03 08:00').toISOString())
  })

  it('treats a job whose schedule changed while down as new', async () => {
    const persistence = await dayOneThenDown('once')
    const bot = manualScheduler('2024-03-03 08:00', persistence)
    const { runs, handler } = recorder(bot.clock)
    bot.scheduler.daily('digest', '21:00', handler, { catchUp: 'once' })
    await bot.scheduler.start()
    await bot.scheduler.idle()
    expect(runs).toHaveLength(0)
    expect(persistence.get('digest')).toMatchObject({
      cron: '0 21 * * *',
      lastRun: sh('2024-03-03 08:00').toISOString(),
    })
  })

  it('leaves records of jobs that are not registered alone', async () => {
    const persistence = await dayOneThenDown('once')
    const before = persistence.get('digest')
    const bot = manualScheduler('2024-03-05 08:00', persistence)
    await bot.scheduler.start()
    await bot.scheduler.advanceTo(sh('2024-03-06 08:00'))
    expect(persistence.get('digest')).toEqual(before)
    expect(bot.scheduler.list()).toEqual([])
  })

  it('records the slot before the handler runs, so a crash mid-run does not repeat it', async () => {
    const persistence = new MemoryJobPersistence()
    const bot = manualScheduler('2024-03-01 22:00', persistence)
    let seen: string | undefined
    bot.scheduler.daily('digest', '22:30', () => {
      seen = persistence.get('digest')?.lastRun
    })
    await bot.scheduler.start()
    await bot.scheduler.advanceTo(sh('2024-03-01 22:45'))
    expect(seen).toBe(sh('2024-03-01 22:30').toISOString())
  })

  it('does not run a slot it could not record, and says why', async () => {
    const persistence = new MemoryJobPersistence()
    const bot = manualScheduler('2024-03-01 22:00', persistence)
    let ran = false
    bot.scheduler.daily('digest', '22:30', () => {
      ran = true
    })
    await bot.scheduler.start()
    persistence.save = async () => {
      throw new Error('disk full')
    }
    await bot.scheduler.advanceTo(sh('2024-03-01 22:45'))
    expect(ran).toBe(false)
    expect(bot.errors.map((e) => [(e.error as Error).message, e.run.scheduledFor])).toEqual([
      ['disk full', sh('2024-03-01 22:30')],
    ])
  })
})
