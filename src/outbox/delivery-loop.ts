const DONE: Promise<void> = Promise.resolve()

/**
 * Runs a step until it reports nothing left to do, one run at a time. A step either does its work and
 * returns undefined, or returns what to wait for before the next step. The run stays synchronous for as long
 * as no step needs a wait (always, with zero pacing), so an unpaced send costs no promise of the loop's own;
 * only a nap or a paced delivery makes it async.
 */
export class DeliveryLoop {
  #running = false
  #run: Promise<void> = DONE

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

  #go(): Promise<void> {
    this.#running = true
    let wait: Promise<void> | undefined
    try {
      wait = this.step()
    } catch (error) {
      // As an async loop would: the failure goes to whoever awaits the run, after the cleanup.
      wait = Promise.reject(error)
    }
    if (wait !== undefined) return this.#resume(wait)
    this.#end()
    return DONE
  }

  async #resume(first: Promise<void>): Promise<void> {
    try {
      for (let wait: Promise<void> | undefined = first; wait !== undefined; wait = this.step()) await wait
    } finally {
      this.#end()
    }
  }

  #end(): void {
    this.#running = false
    this.ended()
  }
}
