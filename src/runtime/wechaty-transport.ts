import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { FileBox } from 'file-box'
import type { Contact as ContactInterface, Room as RoomInterface } from 'wechaty'
import type { OutgoingMessage, Transport } from '../outbox/types.js'
import type { WechatyDirectory } from './wechaty-directory.js'

const nothing = () => {}

/**
 * Delivers outbox messages through Wechaty. Mentions become real @-mentions: an `@Name` already in the text
 * is bound to its contact in place, the others are put in front.
 */
export class WechatyTransport implements Transport {
  constructor(
    private readonly directory: WechatyDirectory,
    private readonly renderNoticeFallback: (text: string) => string,
  ) {}

  deliver(message: OutgoingMessage): Promise<void> {
    const { target, body } = message
    // The usual send: plain text to a room the bot has already heard from, with no lookup to wait for.
    if (target.kind === 'room' && body.type === 'text' && !body.mentions?.length) {
      const room = this.directory.knownRoom(target.roomKey)
      if (room) return room.say(body.text).then(nothing)
    }
    return this.lookUpAndDeliver(message)
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
    if (target.kind === 'room' && body.mentions && body.mentions.length > 0) {
      await this.sayWithMentions(conversation as RoomInterface, body.text, body.mentions)
      return
    }
    await conversation.say(body.text)
  }

  private async sayWithMentions(
    room: RoomInterface,
    text: string,
    mentions: Array<{ key: string; name: string }>,
  ) {
    const contacts: ContactInterface[] = []
    for (const m of mentions) {
      const contact = await this.directory.contact(m.key)
      if (contact) contacts.push(contact)
    }
    const missing = mentions.filter((m) => !text.includes(`@${m.name}`))
    const full = missing.map((m) => `@${m.name} `).join('') + text
    const { strings, order } = splitAtMentions(full, mentions)
    const vars = order.map((i) => contacts[i]).filter((c): c is ContactInterface => c !== undefined)
    if (vars.length !== order.length) {
      await room.say(full)
      return
    }
    await room.say(
      Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray,
      ...vars,
    )
  }

  private async deliverNotice(room: RoomInterface, text: string): Promise<void> {
    try {
      await room.announce(text)
    } catch {
      // Most protocols cannot set the notice (web WeChat throws Unsupported): post it as a message instead.
      await room.say(this.renderNoticeFallback(text))
    }
  }
}

/**
 * Cuts the text at each mentioned member's `@Name` so Wechaty's tagged-template form can put the contact
 * there. Returns the literal pieces and, for each gap, the index of the member in `mentions`. Longer names
 * claim their place first, so `@小明` is never found inside `@小明同学`.
 */
export function splitAtMentions(text: string, mentions: Array<{ name: string }>) {
  const hits: Array<{ at: number; length: number; index: number }> = []
  const byLength = mentions
    .map((m, index) => ({ m, index }))
    .sort((a, b) => b.m.name.length - a.m.name.length)
  for (const { m, index } of byLength) {
    const token = `@${m.name}`
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      if (!hits.some((h) => at < h.at + h.length && h.at < at + token.length)) {
        hits.push({ at, length: token.length, index })
        break
      }
    }
  }
  hits.sort((a, b) => a.at - b.at)
  const strings: string[] = []
  let cursor = 0
  for (const hit of hits) {
    strings.push(text.slice(cursor, hit.at))
    cursor = hit.at + hit.length
  }
  strings.push(text.slice(cursor))
  return { strings, order: hits.map((h) => h.index) }
}
