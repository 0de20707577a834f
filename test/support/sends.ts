import { vi } from 'vitest'
import type { TestChat } from './harness.js'

export interface Sent {
  conversationId: string
  text: string
  /** ids of the members the IM was asked to @-mention */
  mentionIds: string[]
  /** their names, as the simulated WeChat knows them */
  mentioned: string[]
}

/**
 * Watches what the bot hands to the IM (and passes it on), so a test can tell a real mention, which WeChat
 * notifies, from an '@' that is only text.
 */
export function watchSends(chat: TestChat): Sent[] {
  const sent: Sent[] = []
  // Wechaty passes the mention ids as a third argument the mock's own typing leaves out.
  const puppet = chat.sandbox.world.puppet as unknown as {
    messageSendText(conversationId: string, text: string, mentionIds?: string[]): Promise<string | undefined>
  }
  const original = puppet.messageSendText.bind(puppet)
  vi.spyOn(puppet, 'messageSendText').mockImplementation(async (conversationId, text, mentionIds = []) => {
    const mentioned = mentionIds.map(
      (id) => (chat.sandbox.world.mocker.contactPayload(id) as { name: string } | undefined)?.name ?? id,
    )
    sent.push({ conversationId, text, mentionIds, mentioned })
    return original(conversationId, text, mentionIds)
  })
  return sent
}
