/**
 * Every "now" in the bot comes from a Clock: the real one in production, a manual one in the sandbox and
 * tests, so that schedules are exercised by moving time instead of waiting for it.
 */
export interface Clock {
  now(): Date
  /** `now().getTime()` without building a Date: for the paths every message takes. */
  nowMs(): number
  /** IANA zone the community lives in; day boundaries and HH:mm schedules are read in it. */
  readonly timeZone: string
}

export class SystemClock implements Clock {
  constructor(readonly timeZone: string) {}
  now(): Date {
    return new Date()
  }

  nowMs(): number {
    return Date.now()
  }
}

/** A clock that only moves when told to. Moving backwards is refused: schedules assume time is monotonic. */
export class ManualClock implements Clock {
  private current: number

  constructor(
    readonly timeZone: string,
    start: Date = new Date(),
  ) {
    this.current = start.getTime()
  }

  now(): Date {
    return new Date(this.current)
  }

  nowMs(): number {
    return this.current
  }

  set(to: Date): void {
    if (to.getTime() < this.current) {
      throw new RangeError(`clock cannot move back from ${this.now().toISOString()} to ${to.toISOString()}`)
    }
    this.current = to.getTime()
  }

  /** Jump anywhere, backwards included: only for establishing a starting point. */
  reset(to: Date): void {
    this.current = to.getTime()
  }
}
