/** A number derived from a message id; equal ids always give the same one. */
export type IdHash = (id: string) => number

/**
 * FNV-1a over the id's UTF-16 units, cut to 30 bits: V8 keeps such a number as a small integer wherever it
 * is passed or stored, where a full 32-bit one may be boxed on the heap, once per message.
 */
export function hashId(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash & 0x3fffffff
}

/** 0 marks an empty slot, so a hash of 0 is stored as 1 (the id itself still decides a match). */
const tagOf = (hash: number): number => hash | 0 || 1

/**
 * A fixed-size set of ids: open addressing over a typed array of hashes, with the ids beside it. Looking up
 * an id reads a few adjacent numbers and compares a stored id only when its hash matches, so a check costs
 * a cache line, not a walk through a growing Map's table. It never grows: {@link IdWindow} empties it instead.
 */
class IdTable {
  readonly #hashes: Int32Array
  readonly #ids: Array<string | undefined>
  readonly #mask: number
  size = 0

  /** Holds up to `capacity` ids at a load of at most one half. */
  constructor(capacity: number) {
    let slots = 8
    while (slots < capacity * 2) slots *= 2
    this.#hashes = new Int32Array(slots)
    this.#ids = new Array<string | undefined>(slots).fill(undefined)
    this.#mask = slots - 1
  }

  has(id: string, hash: number): boolean {
    const tag = tagOf(hash)
    const hashes = this.#hashes
    for (let i = tag & this.#mask; hashes[i] !== 0; i = (i + 1) & this.#mask) {
      if (hashes[i] === tag && this.#ids[i] === id) return true
    }
    return false
  }

  /** Adds the id, which the caller has checked is absent. */
  put(id: string, hash: number): void {
    const tag = tagOf(hash)
    const hashes = this.#hashes
    let i = tag & this.#mask
    while (hashes[i] !== 0) i = (i + 1) & this.#mask
    hashes[i] = tag
    this.#ids[i] = id
    this.size++
  }

  clear(): void {
    this.#hashes.fill(0)
    this.#ids.fill(undefined)
    this.size = 0
  }
}

/**
 * The most recent message ids: at least the newest `keep`, at most the newest 2 × `keep`, in two
 * generations of fixed size. When the newer one is full, the older one is emptied and takes new ids, so
 * forgetting old ids costs no allocation and leaves no holes behind. A lookup is exact: ids that share a
 * hash are both kept and told apart by the id itself.
 */
export class IdWindow {
  #newer: IdTable
  #older: IdTable

  constructor(
    private readonly keep: number,
    private readonly hash: IdHash = hashId,
  ) {
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be a whole number >= 1')
    this.#newer = new IdTable(keep)
    this.#older = new IdTable(keep)
  }

  /** Ids held now, between `keep` and 2 × `keep` once that many have been added. */
  get size(): number {
    return this.#newer.size + this.#older.size
  }

  /** `hash` when the caller has it already: one hash serves several windows. */
  has(id: string, hash = this.hash(id)): boolean {
    return this.#newer.has(id, hash) || this.#older.has(id, hash)
  }

  /** Adds the id; false when it was there already. */
  add(id: string, hash = this.hash(id)): boolean {
    if (this.has(id, hash)) return false
    if (this.#newer.size >= this.keep) {
      const emptied = this.#older
      emptied.clear()
      this.#older = this.#newer
      this.#newer = emptied
    }
    this.#newer.put(id, hash)
    return true
  }
}
