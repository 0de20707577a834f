import { type JobRun, MemoryJobPersistence, Scheduler } from '../../src/scheduler/index.js'
import { ManualClock } from '../../src/time/clock.js'

export const TZ = 'Asia/Shanghai'

/** An instant given as Shanghai wall time, e.g. sh('2024-03-01 08:00'). */
export const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`)

export function manualScheduler(start: string, persistence = new MemoryJobPersistence()) {
  const clock = new ManualClock(TZ, sh(start))
  const errors: { error: unknown; run: JobRun }[] = []
  const scheduler = new Scheduler({
    clock,
    persistence,
    driver: 'manual',
    onError: (error, run) => errors.push({ error, run }),
  })
  return { clock, persistence, scheduler, errors }
}

/** A handler that records each run together with what the clock said while it ran. */
export function recorder(clock: ManualClock, label = '') {
  const runs: { label: string; slot: string; now: string; catchingUp: boolean }[] = []
  const handler = (run: JobRun) => {
    runs.push({
      label,
      slot: run.scheduledFor.toISOString(),
      now: clock.now().toISOString(),
      catchingUp: run.catchingUp,
    })
  }
  return { runs, handler }
}
