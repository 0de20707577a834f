/**
 * When each member was last shown the room's template because they asked for it. Kept in memory: after a
 * restart, one more template post does no harm.
 */
export class TemplateShown {
  readonly #at = new Map<string, number>()

  mark(roomKey: string, memberKey: string, now: number): void {
    this.#at.set(`${roomKey}\n${memberKey}`, now)
  }

  /** Whether the member was shown it less than `ms` before `now`. */
  within(roomKey: string, memberKey: string, now: number, ms: number): boolean {
    const at = this.#at.get(`${roomKey}\n${memberKey}`)
    return at !== undefined && now - at < ms
  }
}
