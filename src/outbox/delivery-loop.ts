/**
 * Runs a step until it reports nothing left to do, one run at a time. A step either does its work and
 * returns undefined, or returns what to wait for before the next step.
 */
export class DeliveryLoop {
  #running = false
  #run: Promise<void> = Promise.resolve()

  constructor(
    private readonly step: () => Promise<void> | undefined,
    /** called whenever a run ends, the loop no longer running */
    private readonly ended: () => void,
  ) {}

  get running(): boolean {
    return this.#running
  }

  /** The run in progress, or a settled promise: what a shutdown waits for. */
  get current(): Promise<void> {
    return this.#run
  }

  /** Starts a run unless one is going. */
  start(): void {
    if (!this.#running) this.#run = this.#go()
  }

  async #go(): Promise<void> {
    this.#running = true
    try {
      for (let wait = this.step(); wait !== undefined; wait = this.step()) await wait
    } finally {
      this.#running = false
      this.ended()
    }
  }
}
