import { randomUUID } from 'node:crypto'

/**
 * Ids for outgoing messages, unique across restarts (a random prefix per process) without a UUID per
 * message: within the process a counter is enough, and ids only need to tell pending messages apart.
 */
export class MessageIds {
  readonly #prefix = randomUUID().slice(0, 13)
  #count = 0

  next(): string {
    return `${this.#prefix}-${(++this.#count).toString(36)}`
  }
}
