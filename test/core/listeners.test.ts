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

  it('do not see commands', async () => {
    const seen: string[] = []
    chat = await TestChat.start({ plugins: [claimer('any', 10, '', seen)] })
    await chat.line('小明: /帮助')
    expect(seen).toEqual([])
  })
})
