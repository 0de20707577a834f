import type { OutboxPersistence, OutgoingMessage } from './types.js'

/**
 * Saves the pending list whenever it changes without ever making a delivery wait for the disk: changes
 * made while a save is in flight are folded into one follow-up save (at most one in flight, one pending).
 */
export class CoalescedSaver {
  private dirty = false
  private running: Promise<void> | undefined

  constructor(
    private readonly persistence: OutboxPersistence,
    private readonly snapshot: () => OutgoingMessage[],
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Marks the list changed; the save happens after the current tick, so a burst of changes costs one save. */
  request(): void {
    this.dirty = true
    if (!this.running) this.running = this.run()
  }

  /** Resolves when every requested change has been written. */
  async flush(): Promise<void> {
    while (this.running) await this.running
  }

  private async run(): Promise<void> {
    try {
      await Promise.resolve()
      while (this.dirty) {
        this.dirty = false
        try {
          await this.persistence.save(this.snapshot())
        } catch (error) {
          this.onError(error)
        }
      }
    } finally {
      this.running = undefined
    }
  }
}

/** Keeps the pending list in memory: for tests, the sandbox and benchmarks (survives a new Outbox, not a new process). */
export class MemoryPersistence implements OutboxPersistence {
  private stored: OutgoingMessage[] = []
  saves = 0

  async load(): Promise<OutgoingMessage[]> {
    return this.stored.map((m) => structuredClone(m))
  }

  async save(pending: OutgoingMessage[]): Promise<void> {
    this.saves++
    this.stored = pending.map((m) => structuredClone(m))
  }
}
