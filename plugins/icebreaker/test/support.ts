import { vi } from 'vitest'
import type { TestChat } from '../../../test/support/harness.js'
import type { ProfilesApi } from '../profiles.js'

export interface Sent {
  text: string
  /** names of the members the IM was asked to @-mention */
  mentioned: string[]
}

/** Watches what the bot hands to the IM, so a test can tell a real mention from an '@' in the text. */
export function watchSends(chat: TestChat): Sent[] {
  const sent: Sent[] = []
  // Wechaty passes the mention ids as a third argument the mock's own typing leaves out.
  const puppet = chat.sandbox.world.puppet as unknown as {
    messageSendText(conversationId: string, text: string, mentionIds?: string[]): Promise<string | undefined>
  }
  const original = puppet.messageSendText.bind(puppet)
  vi.spyOn(puppet, 'messageSendText').mockImplementation(async (conversationId, text, mentionIds) => {
    const mentioned = (mentionIds ?? []).map(
      (id) => (chat.sandbox.world.mocker.contactPayload(id) as { name: string } | undefined)?.name ?? id,
    )
    sent.push({ text, mentioned })
    return original(conversationId, text, mentionIds)
  })
  return sent
}

/** The profiles the plugin shares with other plugins, read through the running bot. */
export function profilesOf(chat: TestChat): ProfilesApi {
  const api = chat.sandbox.bot.host.use<ProfilesApi>('icebreaker.profiles')
  if (!api) throw new Error('icebreaker.profiles not provided')
  return api
}

/** Room and member keys by name, for the read API. */
export async function keysOf(chat: TestChat, topic: string, name: string) {
  const rooms = await chat.sandbox.bot.directory.list()
  const room = rooms.find((r) => r.topic === topic)
  const member = chat.sandbox.world.knownContact(name)
  if (!room || !member) throw new Error(`unknown room ${topic} or member ${name}`)
  return { room: room.key, member: member.id }
}

/** Output lines that start a message (continuation lines are indented). */
export function messages(lines: string[]): string[] {
  return lines.filter((line) => line.startsWith('['))
}
