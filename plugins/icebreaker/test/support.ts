import type { TestChat } from '../../../test/support/harness.js'
import type { ProfilesApi } from '../profiles.js'

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
