import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { FileBox } from 'file-box'
import type { Room as RoomInterface, Wechaty } from 'wechaty'
import { MENTION_END } from '../outbox/mentions.js'
import type { OutgoingMessage, TextBody, Transport } from '../outbox/types.js'
import type { WechatyDirectory } from './wechaty-directory.js'

/** What the transport needs of Wechaty: its puppet, for room text. */
export type PuppetHolder = Pick<Wechaty, 'puppet'>

/**
 * Delivers outbox messages through Wechaty. Room text goes to the puppet with its mentions: an `@Name`
 * already in the text stays where it is, the other mentioned members are put in front, and every mentioned
 * member's id goes in the mention list, which is what makes WeChat notify them.
 */
export class WechatyTransport implements Transport {
  constructor(
    private readonly wechaty: PuppetHolder,
    private readonly directory: WechatyDirectory,
    private readonly renderNoticeFallback: (text: string) => string,
    /**
     * Whether this account has been found unable to set room notices, kept in the core's state: most
     * protocols never can, and asking again before every notice costs a failed call each time.
     */
    private readonly noticeSupport: {
      unsupported(account: string): boolean
      markUnsupported(account: string): void
    } = {
      unsupported: () => false,
      markUnsupported: () => {},
    },
  ) {}

  async deliver(message: OutgoingMessage): Promise<void> {
    const { target, body } = message
    if (target.kind === 'room' && body.type === 'text') await this.sayInRoom(target.roomKey, body)
    else await this.lookUpAndDeliver(message)
  }

  /**
   * Straight to the puppet, as `Room#say` would send it in the end. `Room#say` with contacts would first load
   * each contact and ask the puppet for its group alias, one round trip each; the directory has already
   * given every mentioned member the name the room shows.
   */
  private async sayInRoom(roomKey: string, body: TextBody): Promise<void> {
    const mentions = body.mentions ?? []
    if (mentions.length === 0) {
      await this.wechaty.puppet.messageSendText(roomKey, body.text)
      return
    }
    const ids = [...new Set(mentions.map((m) => m.key))]
    await this.wechaty.puppet.messageSendText(roomKey, withMentionNames(body.text, mentions), ids)
  }

  private async lookUpAndDeliver(message: OutgoingMessage): Promise<void> {
    const target = message.target
    const conversation =
      target.kind === 'room'
        ? await this.directory.room(target.roomKey)
        : await this.directory.contact(target.memberKey)
    if (!conversation) throw new Error(`conversation not found: ${JSON.stringify(target)}`)
    const body = message.body
    if (body.type === 'image') {
      // Base64 boxes work on every puppet; the mock cannot serialise file or buffer boxes.
      const data = await readFile(body.path)
      await conversation.say(FileBox.fromBase64(data.toString('base64'), body.name ?? basename(body.path)))
      return
    }
    if (body.type === 'notice') {
      await this.deliverNotice(conversation as RoomInterface, body.text)
      return
    }
    await conversation.say(body.text)
  }

  private accountId(): string {
    try {
      return this.wechaty.puppet.currentUserId
    } catch {
      return 'unknown'
    }
  }

  /**
   * Sets the room notice; where the account cannot (web WeChat and most pad protocols answer Unsupported), or
   * the bot may not (not the owner or an admin of the room), posts it as a 【群公告】 message instead. An
   * account found unsupported is remembered and not asked again.
   */
  private async deliverNotice(room: RoomInterface, text: string): Promise<void> {
    const account = this.accountId()
    if (!this.noticeSupport.unsupported(account)) {
      try {
        await room.announce(text)
        return
      } catch (error) {
        if (/unsupport|not ?support|not implemented/iu.test(String((error as Error)?.message ?? error))) {
          this.noticeSupport.markUnsupported(account)
        }
      }
    }
    await room.say(this.renderNoticeFallback(text))
  }
}

/**
 * The text with `@Name` and WeChat's mention separator put in front for each mentioned member whose `@Name` it does not hold, in the order
 * given, once per name. Longer names claim their place first, so `@小明` is not taken to be in `@小明同学`
 * when both are mentioned.
 */
export function withMentionNames(text: string, mentions: ReadonlyArray<{ name: string }>): string {
  // A member without a name has no `@Name` to show; the mention list still notifies them.
  const names = [...new Set(mentions.map((m) => m.name).filter((name) => name !== ''))]
  const claimed: Array<{ from: number; to: number }> = []
  const named = new Set<string>()
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const token = `@${name}`
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      const to = at + token.length
      if (claimed.some((c) => at < c.to && c.from < to)) continue
      claimed.push({ from: at, to })
      named.add(name)
      break
    }
  }
  let front = ''
  for (const name of names) if (!named.has(name)) front += `@${name}${MENTION_END}`
  return front + text
}
