import type { DailyCount, DailyCountStore } from '../outbox/daily-cap.js'
import type { OutboxPersistence, OutgoingMessage } from '../outbox/types.js'
import type { JobPersistence, JobRecord } from '../scheduler/index.js'
import type { StateFile } from '../store/state-store.js'

/** Scheduler records live in the core state file, one row per job id. */
export function jobPersistence(file: StateFile): JobPersistence {
  const jobs = file.table<JobRecord>('jobs')
  return {
    load: async () => Object.fromEntries(jobs.entries()),
    save: (record) => jobs.set(record.id, record),
    remove: async (id) => {
      await jobs.delete(id)
    },
  }
}

/** Sends not yet delivered, kept so a restart does not lose them. */
export function outboxPersistence(file: StateFile): OutboxPersistence {
  const table = file.table<OutgoingMessage[]>('outbox')
  return {
    load: async () => table.get('pending') ?? [],
    save: (pending) => table.set('pending', pending),
  }
}

/** The day's send count for the daily cap, beside the pending sends. */
export function outboxDailyCount(file: StateFile): DailyCountStore {
  const table = file.table<DailyCount>('sent')
  return {
    load: () => table.get('today'),
    save: (count) => {
      // Written behind like every state change; a failed write is reported by the store and retried.
      void table.set('today', count)
    },
  }
}
