import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js'
import { definePlugin } from '../../src/index.js'
import { bundledPlugins } from '../../src/plugins.js'
import { projectRoot, TestChat, tempDir } from '../support/harness.js'

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

describe('config', () => {
  it('means defaults when the file is missing', async () => {
    const config = await loadConfig(join(tempDir(), 'nope.yaml'))
    expect(config.botName).toBe('小助手')
    expect(config.timeZone).toBe('Asia/Shanghai')
    expect(config.outbox.minGapMs).toBeGreaterThan(0)
  })

  it('ships a commented config.yaml that holds exactly the defaults', async () => {
    const shipped = await loadConfig(join(projectRoot, 'config.yaml'))
    const defaults = parseConfig({
      plugins: {
        example: { unit: '次' },
        icebreaker: {
          gift: '小礼物',
          welcome: true,
          defaultFields: ['昵称', '最喜欢吃的食物', '空闲时喜欢做什么'],
          synonyms: {},
        },
        games: { points: 10, hintCost: 3, timeLimitSeconds: 60, dailyRounds: 3, samePinyin: false },
        highlights: {
          review: false,
          opsRoom: '',
          contributorPoints: 5,
          autoCloseHours: 24,
          maxChars: 300,
          progressAfter: 80,
        },
        notices: { maxChars: 2000, screenLines: 15, screenWidth: 34, maxTimedPerRoom: 20 },
        todos: { cleanupAt: '22:30', morningAt: '08:00', maxPerRoom: 50 },
        checkin: {
          dayStartsAt: '04:00',
          points: 2,
          streakEvery: 7,
          streakBonus: 5,
          welcomeBackBonus: 5,
          instantReplies: 3,
          rollupMinutes: 10,
          budgetShare: 0.7,
          closingAt: '22:20',
          singleMessage: 'digest',
        },
        figures: { weeklyReport: '0 9 * * 1', opsRoom: '' },
      },
    })
    expect(shipped).toEqual(defaults)
  })

  it('names the key and what is expected when a value is bad', async () => {
    const file = join(tempDir(), 'config.yaml')
    writeFileSync(
      file,
      'timeZone: Mars/Olympus\noutbox:\n  quietHours:\n    start: "25:00"\n    end: "08:00"\n',
    )
    const error = await loadConfig(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('timeZone')
    expect((error as Error).message).toContain('outbox.quietHours.start')
    expect((error as Error).message).toContain('HH:mm')
  })

  it('rejects unknown top-level keys, which are usually typos', () => {
    expect(() => parseConfig({ botname: '小帮手' })).toThrow(/botname/)
  })

  it('reports broken YAML with the file name', async () => {
    const file = join(tempDir(), 'config.yaml')
    writeFileSync(file, 'botName: [unclosed\n')
    await expect(loadConfig(file)).rejects.toThrow(file)
  })
})

describe('plugins that fail to load', () => {
  const broken = definePlugin({
    name: 'broken',
    displayName: '坏插件',
    config: z.object({}),
    setup() {
      throw new Error('boom')
    },
  })

  it('marks a plugin whose setup throws as failed; the others keep running', async () => {
    chat = await TestChat.start({ plugins: [broken, ...bundledPlugins([])] })
    expect(chat.sandbox.bot.host.plugins.get('broken')?.status).toBe('failed')
    expect(await chat.say('小明: /在吗')).toContain('在的')
    expect(await chat.say('小明: /插件')).toContain('坏插件（broken）：加载失败')
  })

  it('refuses to start with an invalid plugin section, naming the field, before any plugin runs', async () => {
    const error = await TestChat.start({ config: { plugins: { example: { unit: '' } } } }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('plugins.example.unit')
  })

  it('undoes everything a plugin registered when it unloads', async () => {
    chat = await TestChat.start()
    await chat.sandbox.bot.host.unload('example')
    expect(await chat.line('小明: /在吗')).toEqual([])
    expect(await chat.say('小明: /帮助')).not.toContain('/在吗')
  })
})

describe('plugins are found in plugins/', () => {
  it('finds every plugin folder, in name order, without a list to edit', async () => {
    const { allPlugins } = await import('../../src/plugins.js')
    expect(allPlugins().map((p) => p.name)).toEqual(expect.arrayContaining(['example', 'icebreaker']))
    const names = allPlugins().map((p) => p.name)
    expect(names).toEqual([...names].sort())
  })

  it('keeps the example out of real groups unless enabledPlugins names it', () => {
    expect(bundledPlugins([], 'account').map((p) => p.name)).not.toContain('example')
    expect(bundledPlugins([], 'sandbox').map((p) => p.name)).toContain('example')
    expect(bundledPlugins(['example'], 'account').map((p) => p.name)).toEqual(['example'])
  })
})
