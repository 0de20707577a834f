import { afterEach, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
import { TestChat } from '../support/harness.js'

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

/** Emits a puppet message built by hand, as a real puppet would deliver it. */
async function deliver(
  chat: TestChat,
  message: { id: string; from: string; text: string; timestamp?: number; fresh?: boolean },
): Promise<string[]> {
  const { world } = chat.sandbox
  const talker = world.contact(message.from)
  const roomId = chat.sandbox.currentRoomId
  world.markInjected(message.id)
  return chat.sandbox.inject(message.id, () => {
    if (message.fresh !== false) {
      world.mocker.MessageMock.create({
        id: message.id,
        type: types.Message.Text,
        text: message.text,
        talkerId: talker.id,
        roomId,
        mentionIdList: [],
        timestamp: message.timestamp ?? chat.sandbox.clock.now().getTime(),
      } as never)
    }
    world.puppet.emit('message', { messageId: message.id })
  })
}

describe('message guards', () => {
  it('never answers its own messages', async () => {
    chat = await TestChat.start()
    await chat.line('小明: 大家好')
    const out = await deliver(chat, { id: 'own-1', from: '小助手', text: '/在吗' })
    expect(out).toEqual([])
  })

  it('ignores history replayed at login', async () => {
    chat = await TestChat.start()
    const anHourAgo = chat.sandbox.clock.now().getTime() - 3_600_000
    expect(await deliver(chat, { id: 'old-1', from: '小明', text: '/在吗', timestamp: anHourAgo })).toEqual(
      [],
    )
    // The same command, fresh, is answered: the guard is about age, not content.
    expect(await deliver(chat, { id: 'new-1', from: '小明', text: '/在吗' })).toHaveLength(1)
  })

  it('ignores messages dated before login even when they are only a few minutes old', async () => {
    chat = await TestChat.start({ config: { guards: { maxMessageAgeSeconds: 3600, loginSkewSeconds: 0 } } })
    const beforeLogin = chat.sandbox.clock.now().getTime() - 10 * 60_000
    expect(
      await deliver(chat, { id: 'replay-1', from: '小明', text: '/在吗', timestamp: beforeLogin }),
    ).toEqual([])
  })

  it('handles a message delivered twice only once', async () => {
    chat = await TestChat.start()
    expect(await deliver(chat, { id: 'dup-1', from: '小明', text: '/计数' })).toEqual([
      '[训练营1组] 小助手: 小明，记下啦，你一共 1 次。',
    ])
    expect(await deliver(chat, { id: 'dup-1', from: '小明', text: '/计数', fresh: false })).toEqual([])
    expect(await chat.say('小明: /计数')).toContain('一共 2 次')
  })

  it('remembers handled state-changing messages across a restart', async () => {
    chat = await TestChat.start()
    await deliver(chat, { id: 'dup-2', from: '小明', text: '/计数' })
    const dataDir = chat.dataDir
    await chat.stop()
    chat = await TestChat.start({ dataDir })
    // A puppet re-delivering the message after the restart must not count it again.
    expect(await deliver(chat, { id: 'dup-2', from: '小明', text: '/计数' })).toEqual([])
    expect(await chat.say('小明: /计数')).toContain('一共 2 次')
  })

  it('treats a text-only @BotName (no mention list) as addressing the bot', async () => {
    chat = await TestChat.start()
    // Some puppets deliver mentions only as text: the command after it must still be understood.
    const out = await deliver(chat, { id: 'txt-mention', from: '小明', text: '@小助手 /在吗' })
    expect(out.join('\n')).toContain('在的，小明')
  })
})
