import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { safeName } from './safe-name.js'

/** What the store needs of a received file; Wechaty's `FileBox` is one. */
export interface ReceivedFile {
  readonly name: string
  /** bytes, when the puppet says; unknown sizes are checked once the file is written */
  readonly size?: number
  toFile(path: string, overwrite?: boolean): Promise<void>
}

/** An image over the store's size cap; nothing of it is kept. */
export class ImageTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`image of ${bytes} bytes is over the ${maxBytes}-byte cap`)
    this.name = 'ImageTooLargeError'
  }
}

/** Where an image came from: a room, or a member's private chat with the bot. */
export type ImageOrigin = { roomKey: string } | { memberKey: string }

const EXTENSION = /^\.[a-z0-9]{1,5}$/i
const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Images members send, saved so that plugins can use them (a check-in photo, a picture for a game):
 * `<dir>/rooms/<room>/<local day>/<message id><ext>`, or `<dir>/direct/<member>/…` for private chats. Every
 * part of the path is a {@link safeName}; of the sender's file name only a short alphanumeric extension is
 * kept. Day folders make retention a matter of names, like the room logs, whatever the files' dates.
 */
export class ImageStore {
  /**
   * `maxBytes` caps one image: WeChat keeps pictures small, but another puppet, or a file sent as an image,
   * must not fill the disk.
   */
  constructor(
    private readonly dir: string,
    private readonly maxBytes = 20 * 1024 * 1024,
  ) {}

  /** `day` is the message's local day, `YYYY-MM-DD`. */
  async save(origin: ImageOrigin, day: string, messageId: string, file: ReceivedFile): Promise<string> {
    if (!DAY.test(day)) throw new RangeError(`Expected a local day as YYYY-MM-DD, got "${day}"`)
    if (file.size !== undefined && file.size > this.maxBytes)
      throw new ImageTooLargeError(file.size, this.maxBytes)
    const owner =
      'roomKey' in origin
        ? join(this.dir, 'rooms', safeName(origin.roomKey))
        : join(this.dir, 'direct', safeName(origin.memberKey))
    const folder = join(owner, day)
    await mkdir(folder, { recursive: true })
    const extension = extname(file.name ?? '')
    const path = join(
      folder,
      `${safeName(messageId)}${EXTENSION.test(extension) ? extension.toLowerCase() : '.img'}`,
    )
    await file.toFile(path, true)
    // The size a puppet announces may be missing (-1) or wrong: the written file is what counts.
    const written = (await stat(path)).size
    if (written > this.maxBytes) {
      await rm(path, { force: true })
      throw new ImageTooLargeError(written, this.maxBytes)
    }
    return path
  }

  /** Deletes the day folders before `oldestKept` (`YYYY-MM-DD`); resolves with how many went. */
  async prune(oldestKept: string): Promise<number> {
    let removed = 0
    for (const kind of ['rooms', 'direct']) {
      for (const owner of await entries(join(this.dir, kind))) {
        for (const day of await entries(join(this.dir, kind, owner))) {
          if (!DAY.test(day) || day >= oldestKept) continue
          await rm(join(this.dir, kind, owner, day), { recursive: true, force: true })
          removed++
        }
      }
    }
    return removed
  }
}

async function entries(folder: string): Promise<string[]> {
  return readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return []
    throw error
  })
}
