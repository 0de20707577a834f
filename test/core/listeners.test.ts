import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { definePlugin } from '../../src/index.js'
import { TestChat } from '../support/harness.js'

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

/** A listener that claims messages containing `word`, and records everything it was shown. */
function claimer(name: string, order: number, word: string, seen: string[]) {
  return definePlugin({
    name,
    displayName: name,
    config: z.object({}),
    setup(ctx) {
      ctx.listen({
        name: `${name}.listen`,
        order,
        readOnly: true,
        run: async (msg) => {
          seen.push(`${name}:${msg.text}`)
          if (!msg.text.includes(word) || !msg.room) return false
          await ctx.send(msg.room.key, `${name} 接住了`)
          return true
        },
      })
    },
  })
}

describe('listeners', () => {
  it('run in their declared order, and the first that claims a message ends its trip', async () => {
    const seen: string[] = []
    // Registered late-first on purpose: order, not registration, decides.
    chat = await TestChat.start({
      plugins: [claimer('late', 20, '猜', seen), claimer('early', 10, '答', seen)],
    })
    expect(await chat.line('小明: 我来答一个')).toEqual(['[训练营1组] 小助手: early 接住了'])
    expect(seen).toEqual(['early:我来答一个'])
    seen.length = 0
    expect(await chat.line('小明: 我猜是苹果')).toEqual(['[训练营1组] 小助手: late 接住了'])
    expect(seen).toEqual(['early:我猜是苹果', 'late:我猜是苹果'])
  })

  it('are run only for the messages their `when` accepts; a failing `when` is reported like a failing run', async () => {
    const seen: string[] = []
    const picky = definePlugin({
      name: 'picky',
      displayName: 'picky',
      config: z.object({}),
      setup(ctx) {
        ctx.listen({
          name: 'picky.listen',
          readOnly: true,
          when: (msg) => {
            if (msg.text.includes('炸')) throw new Error('when failed')
            return msg.text.startsWith('打卡')
          },
          run: async (msg) => {
            seen.push(msg.text)
            await ctx.send(msg.room?.key as string, '收到打卡')
            return true
          },
        })
      },
    })
    chat = await TestChat.start({ plugins: [picky] })
    expect(await chat.line('小明: 今天天气不错')).toEqual([])
    expect(await chat.line('小明: 打卡 第一天')).toEqual(['[训练营1组] 小助手: 收到打卡'])
    expect(seen).toEqual(['打卡 第一天'])
    // The member hears that something went wrong, as when `run` throws; the bot goes on.
    expect((await chat.line('小明: 炸了')).join('\n')).not.toBe('')
    expect(await chat.line('小明: 打卡 第二天')).toEqual(['[训练营1组] 小助手: 收到打卡'])
  })

  it('do not see commands', async () => {
    const seen: string[] = []
    chat = await TestChat.start({ plugins: [claimer('any', 10, '', seen)] })
    await chat.line('小明: /帮助')
    expect(seen).toEqual([])
  })
})
