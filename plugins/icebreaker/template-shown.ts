interface Shown {
  at: number
  /** whether a later question was already pointed back to it */
  pointed: boolean
}

/**
 * When each member was last shown the room's template (asked for it, or hinted after a free-form hello).
 * Kept in memory: after a restart, one more template post does no harm.
 */
export class TemplateShown {
  readonly #shown = new Map<string, Shown>()

  mark(roomKey: string, memberKey: string, now: number): void {
    this.#shown.set(`${roomKey}\n${memberKey}`, { at: now, pointed: false })
  }

  /** Whether the member was shown it less than `ms` before `now`. */
  within(roomKey: string, memberKey: string, now: number, ms: number): boolean {
    const shown = this.#shown.get(`${roomKey}\n${memberKey}`)
    return shown !== undefined && now - shown.at < ms
  }

  /** True the first time it is asked after a showing: one pointer back to the template, not one per question. */
  pointOnce(roomKey: string, memberKey: string): boolean {
    const shown = this.#shown.get(`${roomKey}\n${memberKey}`)
    if (!shown || shown.pointed) return false
    shown.pointed = true
    return true
  }
}
