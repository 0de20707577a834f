import { createTask, type Logger } from 'node-cron'
import type { JobRecord } from './types.js'

/** A live node-cron timer for one job; only the production ('cron') driver creates these. */
export interface CronTimer {
  destroy(): void
}

const write = (level: string, message: unknown, error?: unknown) => {
  process.stderr.write(`[node-cron] ${level} ${String(message)}${error ? ` ${String(error)}` : ''}\n`)
}

// node-cron's own logger prints info to stdout, which the sandbox reserves for its line protocol.
const stderrLogger: Logger = {
  info: (message) => write('info', message),
  warn: (message) => write('warn', message),
  error: (message, error) => write('error', message, error),
  debug: () => {},
}

/** `fire` receives the slot node-cron matched; its promise is awaited so noOverlap holds for the job. */
export function startCronTimer(record: JobRecord, fire: (slot: Date) => Promise<void>): CronTimer {
  const task = createTask(record.cron, (context) => fire(context.date), {
    name: record.id,
    timezone: record.timeZone,
    noOverlap: true,
    logger: stderrLogger,
  })
  void Promise.resolve(task.start()).catch((error) =>
    stderrLogger.error(`job "${record.id}" failed to start`, error),
  )
  return {
    destroy: () => {
      void Promise.resolve(task.destroy()).catch(() => {})
    },
  }
}
