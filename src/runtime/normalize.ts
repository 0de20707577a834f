import { type Message, types } from 'wechaty'
import type { ChatMessage, MemberRef } from '../host/types.js'
import type { WechatyDirectory } from './wechaty-directory.js'

type WechatyRoom = NonNullable<ReturnType<Message['room']>>
export type WechatyContact = ReturnType<Message['talker']>

/** Shared by every message that mentions nobody; frozen so that no handler can fill it for the others. */
const NO_MENTIONS: MemberRef[] = Object.freeze([]) as unknown as MemberRef[]

/**
 * Turns a Wechaty message into the one shape plugins see. Ordinary room chat (no `@`, a sender already
 * looked up) is built synchronously from what Wechaty loaded with the message; anything else takes the
 * async path that asks the puppet. Callers await only a real promise.
 */
export function toChatMessage(
  m: Message,
  talker: WechatyContact,
  directory: WechatyDirectory,
  botName: string,
  time: Date,
): ChatMessage | Promise<ChatMessage> {
  const room = m.room()
  const text = m.text() ?? ''
  if (room && !text.includes('@')) {
    const topic = loadedTopic(room)
    const sender = directory.knownMember(room, talker)
    if (topic !== undefined && sender !== undefined) {
      directory.remember(room)
      // A mention always shows as `@Name` in the text: without one there is nothing to look up.
      return message(m, directory.roomRef(room.id, topic), sender, text, NO_MENTIONS, false, time)
    }
  }
  return lookUp(m, room, talker, text, directory, botName, time)
}

async function lookUp(
  m: Message,
  room: WechatyRoom | undefined,
  talker: WechatyContact,
  text: string,
  directory: WechatyDirectory,
  botName: string,
  time: Date,
): Promise<ChatMessage> {
  const selfId = m.wechaty.isLoggedIn ? m.wechaty.currentUser.id : undefined
  let roomInfo: ChatMessage['room']
  let mentions = NO_MENTIONS
  let mentionsBot = false
  if (room) {
    directory.remember(room)
    roomInfo = directory.roomRef(room.id, loadedTopic(room) ?? (await room.topic()))
    const listed = text.includes('@') ? await m.mentionList() : []
    mentionsBot = listed.some((c) => c.id === selfId)
    const others = listed.filter((c) => c.id !== selfId)
    if (others.length > 0) mentions = await Promise.all(others.map((c) => directory.memberOf(room, c)))
  }
  // Puppets differ on mention lists; the text form `@BotName` counts too.
  if (!mentionsBot && text.includes(`@${botName}`)) mentionsBot = true
  const sender = await directory.memberOf(room, talker)
  return message(m, roomInfo, sender, text, mentions, mentionsBot, time)
}

function message(
  m: Message,
  room: ChatMessage['room'],
  sender: MemberRef,
  text: string,
  mentions: MemberRef[],
  mentionsBot: boolean,
  time: Date,
): ChatMessage {
  return { id: m.id, room, sender, text, mentions, mentionsBot, kind: kindOf(m.type()), time }
}

function kindOf(type: types.Message): ChatMessage['kind'] {
  if (type === types.Message.Text) return 'text'
  if (type === types.Message.Image) return 'image'
  return 'other'
}

/** The topic from the payload Wechaty already loaded for this message, without another async call. */
function loadedTopic(room: WechatyRoom): string | undefined {
  return (room as unknown as { payload?: { topic?: string } }).payload?.topic || undefined
}
