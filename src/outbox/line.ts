interface Place<E> {
  entry: E
  /** position in the whole line: lower goes first; pushes count up, unshifts count down */
  seq: number
}

/**
 * The messages waiting to be sent, one first-in-first-out list per target, ordered overall by when each
 * joined. Everything that holds a target back (a delivery in flight, a retry back-off, a rate window) holds
 * back all of that target's messages alike, so finding the next one to send only needs each target's
 * head: the cost grows with the number of targets, not with the number of messages waiting.
 */
export class Line<E extends { key: string }> {
  readonly #byTarget = new Map<string, Array<Place<E>>>()
  #back = 0
  #front = 0
  #size = 0

  get size(): number {
    return this.#size
  }

  /** Joins at the end of the line. */
  push(entry: E): void {
    this.#list(entry.key).push({ entry, seq: ++this.#back })
    this.#size++
  }

  /** Joins at the front of the line (ahead of everything, its own target's messages included). */
  unshift(entry: E): void {
    this.#list(entry.key).unshift({ entry, seq: --this.#front })
    this.#size++
  }

  /** Leaves the line; false when it was not in it. */
  remove(entry: E): boolean {
    const list = this.#byTarget.get(entry.key)
    const at = list ? list.findIndex((place) => place.entry === entry) : -1
    if (!list || at < 0) return false
    list.splice(at, 1)
    if (list.length === 0) this.#byTarget.delete(entry.key)
    this.#size--
    return true
  }

  /**
   * The earliest entry whose target may receive now, else the shortest wait until one may (ms), else
   * undefined. `waitFor(key)` says how long a target must wait: 0 now, undefined while it is blocked.
   */
  pick(waitFor: (key: string) => number | undefined): E | number | undefined {
    let best: Place<E> | undefined
    let soonest: number | undefined
    // Over the lists alone: iterating the map's entries would build a [key, list] pair per target per pick.
    for (const list of this.#byTarget.values()) {
      const head = list[0] as Place<E>
      if (best && head.seq > best.seq) continue
      const wait = waitFor(head.entry.key)
      if (wait === undefined) continue
      if (wait === 0) best = head
      else soonest = soonest === undefined ? wait : Math.min(soonest, wait)
    }
    return best ? best.entry : soonest
  }

  #list(key: string): Array<Place<E>> {
    let list = this.#byTarget.get(key)
    if (!list) {
      list = []
      this.#byTarget.set(key, list)
    }
    return list
  }
}
