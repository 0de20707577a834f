import type { MemberRef } from '../host/types.js'

/** One entry as the book hands it back; `time` in epoch milliseconds. */
export interface BookEntry {
  member: MemberRef
  amount: number
  reason: string
  source: string
  time: number
}

/** Strings seen again and again (reasons, plugin names) stored once and referred to by number. */
export class StringTable {
  readonly #index = new Map<string, number>()
  readonly #values: string[] = []

  idOf(value: string): number {
    let id = this.#index.get(value)
    if (id === undefined) {
      id = this.#values.length
      this.#values.push(value)
      this.#index.set(value, id)
    }
    return id
  }

  valueOf(id: number): string {
    return this.#values[id] as string
  }
}

/**
 * One room's entries, kept as columns of numbers rather than an object per entry: a season of check-ins is
 * millions of entries, and as objects every full garbage collection walks them all. Columns are a handful of
 * arrays of plain numbers, whatever the count. (Plain arrays, not typed ones: two hundred rooms doubling
 * their typed arrays in the same minute stalled the bot for 90 ms.)
 */
export class RoomBook {
  readonly #times: number[] = []
  readonly #amounts: number[] = []
  readonly #members: number[] = []
  readonly #reasons: number[] = []
  readonly #sources: number[] = []
  /** by member number: the latest name wins, members rename themselves */
  readonly #memberRefs: MemberRef[] = []
  readonly #memberNumbers = new Map<string, number>()
  /** all-time balance by member number */
  readonly #totals: number[] = []

  constructor(private readonly strings: StringTable) {}

  get size(): number {
    return this.#times.length
  }

  /** Adds an entry (in time order: the clock never moves back) and returns the member's new balance. */
  add(entry: BookEntry): number {
    const member = this.#memberNumber(entry.member)
    this.#times.push(entry.time)
    this.#amounts.push(entry.amount)
    this.#members.push(member)
    this.#reasons.push(this.strings.idOf(entry.reason))
    this.#sources.push(this.strings.idOf(entry.source))
    this.#totals[member] = (this.#totals[member] ?? 0) + entry.amount
    return this.#totals[member] as number
  }

  balance(memberKey: string): number {
    const member = this.#memberNumbers.get(memberKey)
    return member === undefined ? 0 : (this.#totals[member] ?? 0)
  }

  /** A member's latest entries, newest first. */
  latest(memberKey: string, limit: number): BookEntry[] {
    const member = this.#memberNumbers.get(memberKey)
    const found: BookEntry[] = []
    if (member === undefined) return found
    for (let i = this.#times.length - 1; i >= 0 && found.length < limit; i--) {
      if (this.#members[i] === member) found.push(this.#entry(i))
    }
    return found
  }

  /** Points per member, all-time or from `since` (epoch ms) on; reads only the entries after `since`. */
  sums(since?: number): Array<{ member: MemberRef; points: number }> {
    if (since === undefined) {
      return this.#memberRefs.map((member, i) => ({ member, points: this.#totals[i] ?? 0 }))
    }
    const sums = new Map<number, number>()
    for (let i = this.#times.length - 1; i >= 0 && (this.#times[i] as number) >= since; i--) {
      const member = this.#members[i] as number
      sums.set(member, (sums.get(member) ?? 0) + (this.#amounts[i] as number))
    }
    return [...sums].map(([member, points]) => ({ member: this.#memberRefs[member] as MemberRef, points }))
  }

  #entry(i: number): BookEntry {
    return {
      member: this.#memberRefs[this.#members[i] as number] as MemberRef,
      amount: this.#amounts[i] as number,
      reason: this.strings.valueOf(this.#reasons[i] as number),
      source: this.strings.valueOf(this.#sources[i] as number),
      time: this.#times[i] as number,
    }
  }

  #memberNumber(member: MemberRef): number {
    let number = this.#memberNumbers.get(member.key)
    if (number === undefined) {
      number = this.#memberRefs.length
      this.#memberNumbers.set(member.key, number)
    }
    if (this.#memberRefs[number]?.name !== member.name) {
      this.#memberRefs[number] = { key: member.key, name: member.name }
    }
    return number
  }
}
