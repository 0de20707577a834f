/**
 * Targets with a message waiting out its retry back-off. While a target is held, later messages to it wait
 * too, so a room never receives its messages out of order.
 */
export class RetryHolds {
  private readonly byTarget = new Map<string, number>()
  private total = 0

  hold(key: string): void {
    this.byTarget.set(key, (this.byTarget.get(key) ?? 0) + 1)
    this.total++
  }

  release(key: string): void {
    const left = (this.byTarget.get(key) ?? 1) - 1
    if (left > 0) this.byTarget.set(key, left)
    else this.byTarget.delete(key)
    this.total--
  }

  has(key: string): boolean {
    return this.byTarget.has(key)
  }

  /** messages waiting out a back-off, across all targets */
  get size(): number {
    return this.total
  }
}
