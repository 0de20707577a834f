import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Marks work started by a schedule (a cron job or a one-shot timer), so that what it sends is a scheduled
 * post by default, held for quiet hours and deferred at the daily cap, without each plugin having to say so.
 */
const scheduled = new AsyncLocalStorage<true>()

export function asScheduledWork<T>(work: () => T): T {
  return scheduled.run(true, work)
}

export function isScheduledWork(): boolean {
  return scheduled.getStore() === true
}
