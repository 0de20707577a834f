/** Whether a slot missed while the bot was down is run once on start, or only recorded as passed. */
export type CatchUpPolicy = 'once' | 'skip'

/** What survives a restart: enough to know which slot ran last, so no slot runs twice. */
export interface JobRecord {
  id: string
  cron: string
  timeZone: string
  catchUp: CatchUpPolicy
  /** ISO instant of the last slot run (or deliberately skipped); a slot at or before it never runs. */
  lastRun?: string
}

export interface JobPersistence {
  load(): Promise<Record<string, JobRecord>>
  save(record: JobRecord): Promise<void>
  remove(id: string): Promise<void>
}

export interface JobRun {
  id: string
  /** The slot this run stands for; in a catch-up run it lies in the past. */
  scheduledFor: Date
  catchingUp: boolean
}

export type JobHandler = (run: JobRun) => Promise<void> | void

export interface JobOptions {
  /** IANA zone the expression is read in; defaults to the clock's zone. */
  timeZone?: string
  /** Defaults to 'skip': running stale work is the surprising choice, so it must be asked for. */
  catchUp?: CatchUpPolicy
  /** The room the job is for: it does not run while its plugin is switched off there (`/插件 关闭`). */
  room?: string
}

/** A schedule that cannot be honoured (bad cron, HH:mm or time zone); the message says which and why. */
export class ScheduleError extends Error {
  override name = 'ScheduleError'
}
