import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TestChat, tempDir } from '../support/harness.js'

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

describe('templates', () => {
  it('lets operators override a plugin template under data/templates', async () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'templates', 'example'), { recursive: true })
    writeFileSync(join(dataDir, 'templates', 'example', 'pong.njk'), '{{ sender }}，我一直都在。\n')
    chat = await TestChat.start({ dataDir })
    expect(await chat.line('小明: /在吗')).toEqual(['[训练营1组] 小助手: 小明，我一直都在。'])
  })

  it('never compiles what members type', async () => {
    chat = await TestChat.start()
    await chat.line(':room {{ 7 * 7 }}')
    expect(await chat.say('{{7*7}}: /在吗')).toBe('[{{ 7 * 7 }}] 小助手: 在的，{{7*7}}～有什么可以帮你？')
  })
})
