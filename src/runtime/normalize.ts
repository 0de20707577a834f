import { type Message, types } from 'wechaty'
import type { ChatMessage, MemberRef } from '../host/types.js'
import type { WechatyDirectory } from './wechaty-directory.js'

export type WechatyContact = ReturnType<Message['talker']>

/** Saves an inbound image and returns its path, or undefined when it could not or need not be kept. */
export type SaveImage = (
  m: Message,
  roomKey: string | undefined,
  senderKey: string,
  time: Date,
) => Promise<string | undefined>

export interface NormalizeDeps {
  directory: WechatyDirectory
  botName: string
  saveImage?: SaveImage
}

/** Turns a Wechaty message into the one shape plugins see. */
export async function toChatMessage(
  m: Message,
  talker: WechatyContact,
  { directory, botName, saveImage }: NormalizeDeps,
  time: Date,
): Promise<ChatMessage> {
  const room = m.room()
  const text = m.text() ?? ''
  const kind = kindOf(m.type())
  let roomRef: ChatMessage['room']
  let mentions: MemberRef[] = []
  let mentionsBot = false
  if (room) {
    directory.remember(room)
    // A named room's topic is in its payload; `topic()` (a promise) is for rooms without one, named after members.
    roomRef = directory.roomRef(room.id, room.payload?.topic || (await room.topic()))
  }
  // A mention always shows as `@Name` in the text: without one there is nothing to look up.
  if (text.includes('@')) {
    if (room) {
      const selfId = m.wechaty.isLoggedIn ? m.wechaty.currentUser.id : undefined
      const listed = await m.mentionList()
      mentionsBot = listed.some((c) => c.id === selfId)
      const others = listed.filter((c) => c.id !== selfId)
      mentions = await Promise.all(others.map((c) => directory.memberOf(room, c)))
    }
    // Puppets differ on mention lists; the text form `@BotName` counts too.
    if (!mentionsBot) mentionsBot = text.includes(`@${botName}`)
  }
  // A chatty member is already known: no lookup to wait for on each of their messages.
  const sender = directory.knownMember(room, talker) ?? (await directory.memberOf(room, talker))
  const imagePath =
    kind === 'image' && saveImage ? await saveImage(m, roomRef?.key, sender.key, time) : undefined
  return { id: m.id, room: roomRef, sender, text, mentions, mentionsBot, kind, imagePath, time }
}

function kindOf(type: types.Message): ChatMessage['kind'] {
  if (type === types.Message.Text) return 'text'
  if (type === types.Message.Image) return 'image'
  return 'other'
}
