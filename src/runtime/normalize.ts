import { type Message, types } from 'wechaty'
import type { ChatMessage, MemberRef } from '../host/types.js'
import type { WechatyDirectory } from './wechaty-directory.js'

/** Turns a Wechaty message into the one shape plugins see. */
export async function toChatMessage(
  m: Message,
  directory: WechatyDirectory,
  botName: string,
): Promise<ChatMessage> {
  const room = m.room()
  const talker = m.talker()
  const text = m.text() ?? ''
  const selfId = m.wechaty.isLoggedIn ? m.wechaty.currentUser.id : undefined
  let roomInfo: ChatMessage['room']
  let mentions: MemberRef[] = []
  let mentionsBot = false
  if (room) {
    directory.remember(room)
    roomInfo = { key: room.id, topic: loadedTopic(room) ?? (await room.topic()) }
    // A mention always shows as `@Name` in the text; without one there is nothing to look up.
    const listed = text.includes('@') ? await m.mentionList() : []
    mentionsBot = listed.some((c) => c.id === selfId)
    const others = listed.filter((c) => c.id !== selfId)
    if (others.length > 0) mentions = await Promise.all(others.map((c) => directory.memberOf(room, c)))
  }
  // Puppets differ on mention lists; the text form `@BotName` counts too.
  if (!mentionsBot && text.includes(`@${botName}`)) mentionsBot = true
  return {
    id: m.id,
    room: roomInfo,
    sender: directory.knownMember(room, talker) ?? (await directory.memberOf(room, talker)),
    text,
    mentions,
    mentionsBot,
    kind: kindOf(m.type()),
    time: m.date(),
  }
}

function kindOf(type: types.Message): ChatMessage['kind'] {
  if (type === types.Message.Text) return 'text'
  if (type === types.Message.Image) return 'image'
  return 'other'
}

/** The topic from the payload Wechaty already loaded for this message, without another async call. */
function loadedTopic(room: NonNullable<ReturnType<Message['room']>>): string | undefined {
  return (room as unknown as { payload?: { topic?: string } }).payload?.topic || undefined
}
