import { type Message, types } from 'wechaty'
import type { ChatMessage, MemberRef } from '../host/types.js'
import type { WechatyDirectory } from './wechaty-directory.js'

type WechatyRoom = NonNullable<ReturnType<Message['room']>>
export type WechatyContact = ReturnType<Message['talker']>

/** Shared by every message that mentions nobody; frozen so that no handler can fill it for the others. */
const NO_MENTIONS: MemberRef[] = Object.freeze([]) as unknown as MemberRef[]

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

/**
 * Turns a Wechaty message into the one shape plugins see. Ordinary room chat (no `@`, no image, a sender
 * already looked up) is built synchronously from what Wechaty loaded with the message; anything else takes
 * the async path that asks the puppet (and saves an image). Callers await only a real promise.
 */
export function toChatMessage(
  m: Message,
  talker: WechatyContact,
  deps: NormalizeDeps,
  time: Date,
): ChatMessage | Promise<ChatMessage> {
  const room = m.room()
  const text = m.text() ?? ''
  const kind = kindOf(m.type())
  if (room && kind !== 'image' && !text.includes('@')) {
    const topic = loadedTopic(room)
    const sender = deps.directory.knownMember(room, talker)
    if (topic !== undefined && sender !== undefined) {
      deps.directory.remember(room)
      // A mention always shows as `@Name` in the text: without one there is nothing to look up.
      return message(
        m.id,
        deps.directory.roomRef(room.id, topic),
        sender,
        text,
        NO_MENTIONS,
        false,
        kind,
        time,
      )
    }
  }
  return lookUp(m, room, talker, text, kind, deps, time)
}

async function lookUp(
  m: Message,
  room: WechatyRoom | undefined,
  talker: WechatyContact,
  text: string,
  kind: ChatMessage['kind'],
  { directory, botName, saveImage }: NormalizeDeps,
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
  const imagePath =
    kind === 'image' && saveImage ? await saveImage(m, roomInfo?.key, sender.key, time) : undefined
  return message(m.id, roomInfo, sender, text, mentions, mentionsBot, kind, time, imagePath)
}

function message(
  id: string,
  room: ChatMessage['room'],
  sender: MemberRef,
  text: string,
  mentions: MemberRef[],
  mentionsBot: boolean,
  kind: ChatMessage['kind'],
  time: Date,
  imagePath?: string,
): ChatMessage {
  return { id, room, sender, text, mentions, mentionsBot, kind, imagePath, time }
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
