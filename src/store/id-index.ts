/** A small number derived from a message id; equal ids always give the same one. */
export type IdHash = (id: string) => number

/**
 * FNV-1a over the id's UTF-16 units, cut to 30 bits so that V8 keeps it as a small integer: a map keyed by
 * such numbers compares keys in place, where a set of strings reads every stored id it meets while probing
 * (a cache miss each, on the path of every message).
 */
export function hashId(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash & 0x3fffffff
}

type Slot = string | string[]

function slotHolds(slot: Slot | undefined, id: string): boolean {
  if (slot === undefined) return false
  return typeof slot === 'string' ? slot === id : slot.includes(id)
}

/**
 * A set of message ids, looked up by their {@link hashId}. Two ids that share a number (about one pair in a
 * billion) are both kept, so a lookup is exact: no new message is ever taken for one already seen. Ids are
 * kept in the order they were added, for trimming to the newest.
 */
export class IdIndex {
  readonly #slots = new Map<number, Slot>()
  #size = 0

  constructor(private readonly hash: IdHash = hashId) {}

  get size(): number {
    return this.#size
  }

  has(id: string, hash = this.hash(id)): boolean {
    return slotHolds(this.#slots.get(hash), id)
  }

  /** Adds the id; false when it was there already. */
  add(id: string, hash = this.hash(id)): boolean {
    const slot = this.#slots.get(hash)
    if (slot === undefined) this.#slots.set(hash, id)
    else if (slotHolds(slot, id)) return false
    else this.#slots.set(hash, typeof slot === 'string' ? [slot, id] : [...slot, id])
    this.#size++
    return true
  }

  /** Every id, oldest first (ids sharing a number come together, at the first one's place). */
  ids(): string[] {
    const all: string[] = []
    for (const slot of this.#slots.values()) {
      if (typeof slot === 'string') all.push(slot)
      else all.push(...slot)
    }
    return all
  }

  clear(): void {
    this.#slots.clear()
    this.#size = 0
  }
}
