import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { definePlugin } from '../../src/index.js'
import { withMentionNames } from '../../src/runtime/wechaty-transport.js'
import { featuresPlugin } from '../support/features-plugin.js'
import { projectRoot, TestChat } from '../support/harness.js'
import { watchSends } from '../support/sends.js'

/** A command that greets whoever it @-mentions, in a text that does not name them. */
const greeter = definePlugin({
  name: 'greeter',
  displayName: '欢迎',
  config: z.object({}),
  setup(ctx) {
    ctx.command({
      name: 'greet',
      aliases: ['欢迎'],
      description: '欢迎新人',
      readOnly: true,
      run: async ({ msg, mentions }) => {
        if (msg.room) await ctx.send(msg.room.key, { text: '欢迎加入，先看看群公告～', mentions })
      },
    })
  },
})

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

const idOf = (chat: TestChat, name: string) => chat.sandbox.world.knownContact(name)?.id

describe('mentions on the way out', () => {
  it('gives the puppet every mentioned member, with their @Name where the text has it', async () => {
    chat = await TestChat.start({ plugins: [featuresPlugin(`${projectRoot}/test/fixtures/images`)] })
    await chat.line(':join 小红 小明 小刚')
    const sent = watchSends(chat)
    const out = await chat.line('小刚: /点名')
    expect(out).toEqual(['[训练营1组] 小助手: @小红 @小明 点名啦'])
    expect(sent).toHaveLength(1)
    expect(sent[0]?.text).toBe('@小红\u2005@小明\u2005点名啦')
    expect(sent[0]?.mentionIds).toEqual([idOf(chat, '小红'), idOf(chat, '小明')])
    expect(sent[0]?.conversationId).toMatch(/@chatroom$/)
  })

  it('puts @Name in front for a mentioned member the text does not name', async () => {
    chat = await TestChat.start({ plugins: [greeter] })
    await chat.line(':join 小红 小明')
    const sent = watchSends(chat)
    expect(await chat.line('小明: /欢迎 @小红')).toEqual([
      '[训练营1组] 小助手: @小红 欢迎加入，先看看群公告～',
    ])
    expect(sent.map((s) => s.mentionIds)).toEqual([[idOf(chat, '小红')]])
  })
})

describe('withMentionNames', () => {
  it('leaves a text that names everyone as it is', () => {
    expect(withMentionNames('欢迎 @小红 和 @小明 入群', [{ name: '小明' }, { name: '小红' }])).toBe(
      '欢迎 @小红 和 @小明 入群',
    )
  })

  it('puts missing names in front, once each, in the order given', () => {
    expect(withMentionNames('早', [{ name: '小明' }, { name: '小红' }, { name: '小明' }])).toBe(
      '@小明\u2005@小红\u2005早',
    )
  })

  it('puts nothing in front for a member without a name', () => {
    expect(withMentionNames('早', [{ name: '' }])).toBe('早')
  })

  it('does not find a shorter mentioned name inside a longer one', () => {
    expect(withMentionNames('@小明同学 早', [{ name: '小明' }, { name: '小明同学' }])).toBe(
      '@小明\u2005@小明同学 早',
    )
    expect(withMentionNames('@小明同学 @小明 早', [{ name: '小明' }, { name: '小明同学' }])).toBe(
      '@小明同学 @小明 早',
    )
  })
})
