/**
 * Cancellable waits on top of either setTimeout or an injected wait function, so that stop() does not
 * sit out a 60 s back-off or a long gap, and no stray timer keeps the process alive after it.
 */
export class Timers {
  private readonly cancels = new Set<() => void>()

  constructor(private readonly wait?: (ms: number) => Promise<void>) {}

  /** Runs `fn` after `ms` unless cancelled first; returns the cancel function. */
  after(ms: number, fn: () => void): () => void {
    let live = true
    let handle: ReturnType<typeof setTimeout> | undefined
    const cancel = () => {
      live = false
      if (handle !== undefined) clearTimeout(handle)
      this.cancels.delete(cancel)
    }
    const fire = () => {
      if (!live) return
      cancel()
      fn()
    }
    this.cancels.add(cancel)
    if (this.wait) this.wait(ms).then(fire, fire)
    else handle = setTimeout(fire, ms)
    return cancel
  }

  cancelAll(): void {
    for (const cancel of [...this.cancels]) cancel()
  }
}

/** A pacing wait that new work can cut short: a new message may be for a target that need not wait. */
export class Nap {
  private wake: (() => void) | undefined

  constructor(private readonly timers: Timers) {}

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let cancel = () => {}
      const wake = () => {
        cancel()
        if (this.wake === wake) this.wake = undefined
        resolve()
      }
      this.wake = wake
      cancel = this.timers.after(ms, wake)
    })
  }

  /** Ends the current sleep early; false when nobody is sleeping. */
  interrupt(): boolean {
    if (!this.wake) return false
    this.wake()
    return true
  }
}
