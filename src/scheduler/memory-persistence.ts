import type { JobPersistence, JobRecord } from './types.js'

/**
 * Keeps records in memory, copying on the way in and out so that callers cannot change what is "on disk"
 * by mutating an object they hold. Sharing one instance between two Schedulers simulates a restart.
 */
export class MemoryJobPersistence implements JobPersistence {
  private readonly records = new Map<string, JobRecord>()

  constructor(initial: Iterable<JobRecord> = []) {
    for (const record of initial) this.records.set(record.id, { ...record })
  }

  async load(): Promise<Record<string, JobRecord>> {
    return Object.fromEntries([...this.records].map(([id, record]) => [id, { ...record }]))
  }

  async save(record: JobRecord): Promise<void> {
    this.records.set(record.id, { ...record })
  }

  async remove(id: string): Promise<void> {
    this.records.delete(id)
  }

  /** Synchronous view for assertions. */
  get(id: string): JobRecord | undefined {
    const record = this.records.get(id)
    return record && { ...record }
  }
}
