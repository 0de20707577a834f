/**
 * The most recent ids: at least the newest `keep`, at most the newest 2 × `keep`. Ids are kept in two
 * generations; when the newer one is full, the older one is dropped whole, so forgetting needs no order
 * kept per id.
 */
export class RecentIds {
  #newer = new Set<string>()
  #older = new Set<string>()

  constructor(private readonly keep: number) {
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be a whole number >= 1')
  }

  /** Ids held now, between `keep` and 2 × `keep` once that many have been added. */
  get size(): number {
    return this.#newer.size + this.#older.size
  }

  has(id: string): boolean {
    return this.#newer.has(id) || this.#older.has(id)
  }

  /** Adds the id; false when it was there already. */
  add(id: string): boolean {
    if (this.has(id)) return false
    if (this.#newer.size >= this.keep) {
      this.#older = this.#newer
      this.#newer = new Set()
    }
    this.#newer.add(id)
    return true
  }
}
