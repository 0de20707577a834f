import { mkdir } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { safeName } from './safe-name.js'

/** What the store needs of a received file; Wechaty's `FileBox` is one. */
export interface ReceivedFile {
  readonly name: string
  toFile(path: string, overwrite?: boolean): Promise<void>
}

/** Where an image came from: a room, or a member's private chat with the bot. */
export type ImageOrigin = { roomKey: string } | { memberKey: string }

const EXTENSION = /^\.[a-z0-9]{1,5}$/i

/**
 * Images members send, saved so that plugins can use them (a check-in photo, a picture for a game):
 * `<dir>/rooms/<room>/<message id><ext>`, or `<dir>/direct/<member>/…` for private chats. Every part of the
 * path is a {@link safeName}; of the sender's file name only a short alphanumeric extension is kept.
 */
export class ImageStore {
  constructor(private readonly dir: string) {}

  async save(origin: ImageOrigin, messageId: string, file: ReceivedFile): Promise<string> {
    const folder =
      'roomKey' in origin
        ? join(this.dir, 'rooms', safeName(origin.roomKey))
        : join(this.dir, 'direct', safeName(origin.memberKey))
    await mkdir(folder, { recursive: true })
    const extension = extname(file.name ?? '')
    const path = join(
      folder,
      `${safeName(messageId)}${EXTENSION.test(extension) ? extension.toLowerCase() : '.img'}`,
    )
    await file.toFile(path, true)
    return path
  }
}
