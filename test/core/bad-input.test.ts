import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StateFileCorruptError } from '../../src/store/state-store.js'
import { TestChat, tempDir } from '../support/harness.js'

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

describe('bad input gets a clear answer or silence, never a crash', () => {
  it('ignores an empty message and a bare prefix', async () => {
    chat = await TestChat.start()
    expect(await chat.line('小明: ')).toEqual([])
    expect(await chat.line('小明: /')).toEqual([])
    expect(await chat.line('小明: ／  ')).toEqual([])
    expect(await chat.say('小明: /在吗')).toContain('在的')
  })

  it('survives a 10,000-character command and message', async () => {
    chat = await TestChat.start()
    const long = '长'.repeat(10_000)
    expect(await chat.line(`小明: /${long}`)).toEqual([])
    expect(await chat.line(`小明: ${long}`)).toEqual([])
    expect(await chat.line(`小明: /计数 ${long}`)).toEqual([
      '[训练营1组] 小助手: 小明，记下啦，你一共 1 次。',
    ])
  })

  it('stays quiet on emoji-only messages and commands', async () => {
    chat = await TestChat.start()
    expect(await chat.line('小明: 😂😂😂')).toEqual([])
    expect(await chat.line('小明: /🎉🎉')).toEqual([])
  })

  it('understands full-width prefixes, full-width spaces and traditional characters', async () => {
    chat = await TestChat.start()
    await chat.line(':owner 王老师')
    await chat.line('小红: 嗨')
    expect(await chat.say('王老师: ／組長　添加　@小红 ')).toContain('已任命组长：小红')
    expect(await chat.say('小明: ＃幫助　組長')).toContain('/组长 添加')
  })

  it('rejects an unknown sandbox directive on stderr and goes on', async () => {
    chat = await TestChat.start()
    expect(await chat.rejected(':teleport 小明')).toContain('未知指令')
    expect(await chat.rejected(':advance soon')).toContain(':advance')
    expect(await chat.rejected(':clock tomorrow')).toContain(':clock')
    expect(await chat.rejected('没有冒号的一行')).toContain('看不懂')
    expect(await chat.say('小明: /在吗')).toContain('在的')
  })

  it('refuses to start on a corrupt state file, names it, and leaves it untouched', async () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'state'), { recursive: true })
    const file = join(dataDir, 'state', 'core.json')
    writeFileSync(file, '{"version": 1, "tables": {"leaders": ')
    const error = await TestChat.start({ dataDir }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StateFileCorruptError)
    expect((error as Error).message).toContain(file)
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "tables": {"leaders": ')
  })
})
