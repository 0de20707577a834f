import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { definePlugin } from '../../src/index.js'
import { bundledPlugins } from '../../src/plugins.js'
import { featuresPlugin } from '../support/features-plugin.js'
import { projectRoot, TestChat, tempDir } from '../support/harness.js'

const images = join(projectRoot, 'test/fixtures/images')
let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

describe('what plugins can send', () => {
  it('sends images', async () => {
    chat = await TestChat.start({ plugins: [featuresPlugin(images)] })
    expect(await chat.line('小明: /发图')).toEqual(['[训练营1组] 小助手: [图片] dot.png'])
  })

  it('receives images as ChatMessages of kind image, saved under the data folder for plugins to read', async () => {
    chat = await TestChat.start({ plugins: [featuresPlugin(images)] })
    const original = readFileSync(join(images, 'dot.png'))
    expect(await chat.line(`:image 小明 ${join(images, 'dot.png')}`)).toEqual([
      `[训练营1组] 小助手: 收到 小明 的图片，存了 ${original.length} 字节`,
    ])
    const rooms = join(chat.dataDir, 'images', 'rooms')
    const [room = ''] = readdirSync(rooms)
    const [day = ''] = readdirSync(join(rooms, room))
    const [file = ''] = readdirSync(join(rooms, room, day))
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(file).toMatch(/\.png$/)
    expect(readFileSync(join(rooms, room, day, file)).equals(original)).toBe(true)
    expect(await chat.rejected(':image 小明 /no/such/file.png')).toContain('读不了图片')
  })

  it('handles an image over logs.maxImageMB as one without a file, and keeps nothing of it', async () => {
    // dot.png is 69 bytes; the cap here is 52.
    chat = await TestChat.start({
      plugins: [featuresPlugin(images)],
      config: { logs: { maxImageMB: 0.00005 } },
    })
    expect(await chat.line(`:image 小明 ${join(images, 'dot.png')}`)).toEqual([
      '[训练营1组] 小助手: 收到 小明 的图片，没存下来',
    ])
    const saved = join(chat.dataDir, 'images')
    const files = existsSync(saved) ? readdirSync(saved, { recursive: true, withFileTypes: true }) : []
    expect(files.filter((entry) => entry.isFile())).toEqual([])
  })

  it('drops received images with the room logs once they are older than logs.keepDays', async () => {
    chat = await TestChat.start({
      plugins: [featuresPlugin(images)],
      config: { logs: { keepDays: 1 } },
      startAt: new Date('2026-11-23T02:00:00Z'),
    })
    await chat.line(`:image 小明 ${join(images, 'dot.png')}`)
    const rooms = join(chat.dataDir, 'images', 'rooms')
    const [room = ''] = readdirSync(rooms)
    expect(readdirSync(join(rooms, room))).toEqual(['2026-11-23'])
    await chat.line(':advance 1d')
    expect(readdirSync(join(rooms, room))).toEqual(['2026-11-23'])
    await chat.line(':advance 1d')
    expect(readdirSync(join(rooms, room))).toEqual([])
  })

  it('sets the room notice', async () => {
    chat = await TestChat.start({ plugins: [featuresPlugin(images)] })
    expect(await chat.line('王老师: /设公告 周六晚八点分享会\\n记得带问题来')).toEqual([
      '[训练营1组] 小助手 公告: 周六晚八点分享会',
      '  记得带问题来',
    ])
  })

  it('keeps one points ledger per room', async () => {
    chat = await TestChat.start({ plugins: [featuresPlugin(images)] })
    await chat.line('小明: /加分 10')
    expect(await chat.say('小红: /加分 5')).toContain('小红 共 5 分')
    expect(await chat.say('小明: /加分 2')).toContain('小明 共 12 分')
    expect(await chat.say('小明: /排名')).toContain('小明:12 小红:5')
    await chat.line(':room 二组')
    expect(await chat.say('小明: /加分 1')).toContain('小明 共 1 分')
  })

  it('splits a message with more mentions than the cap, mentioning everyone exactly once', async () => {
    chat = await TestChat.start({ plugins: [featuresPlugin(images)] })
    const names = Array.from({ length: 25 }, (_, i) => `学员${i + 1}`)
    await chat.line(`:join ${names.join(' ')}`)
    const out = await chat.line('王老师: /点名')
    expect(out).toHaveLength(3)
    const mentioned = out.join(' ').match(/@学员\d+/g) ?? []
    expect(new Set(mentioned).size).toBe(25)
    expect(mentioned).toHaveLength(25)
    expect(out[0]).toContain('点名啦')
  })
})

describe('notice fallback', () => {
  it('posts the notice as a 【群公告】 message, from the shipped template, where the account cannot set it', async () => {
    chat = await TestChat.start({ plugins: [featuresPlugin(images)] })
    // The web protocol, for one, refuses to set a room notice.
    const announce = vi
      .spyOn(chat.sandbox.world.puppet, 'roomAnnounce')
      .mockRejectedValue(new Error('Wechaty Puppet Unsupported API Error.'))
    expect(await chat.line('王老师: /设公告 今晚八点开会')).toEqual([
      '[训练营1组] 小助手: 【群公告】',
      '  今晚八点开会',
    ])
    // Found out once: the next notice goes straight to the fallback, also after a restart.
    expect(await chat.line('王老师: /设公告 明早九点集合\\n带上笔记本')).toEqual([
      '[训练营1组] 小助手: 【群公告】',
      '  明早九点集合',
      '  带上笔记本',
    ])
    expect(announce).toHaveBeenCalledTimes(1)
    const dataDir = chat.dataDir
    await chat.stop()
    chat = await TestChat.start({ plugins: [featuresPlugin(images)], dataDir })
    const again = vi.spyOn(chat.sandbox.world.puppet, 'roomAnnounce')
    expect(await chat.line('王老师: /设公告 周五停课')).toEqual([
      '[训练营1组] 小助手: 【群公告】',
      '  周五停课',
    ])
    expect(again).not.toHaveBeenCalled()
  })
})

describe('plugin state migrations', () => {
  it('upgrades an older state file once, before setup', async () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'state'), { recursive: true })
    writeFileSync(
      join(dataDir, 'state', 'legacy.json'),
      JSON.stringify({ version: 1, tables: { scores: { a: 3 } } }),
    )
    const legacy = definePlugin({
      name: 'legacy',
      displayName: '旧插件',
      config: z.object({}),
      state: {
        version: 2,
        migrations: {
          2: (tables) => {
            const old = tables.scores ?? {}
            tables.scores = Object.fromEntries(Object.entries(old).map(([k, v]) => [k, { points: v }]))
          },
        },
      },
      setup(ctx) {
        const scores = ctx.store.table<{ points: number }>('scores')
        ctx.command({
          name: 'score',
          aliases: ['分数'],
          description: '分数',
          readOnly: true,
          run: ({ reply }) => reply(`a=${scores.get('a')?.points}`),
        })
      },
    })
    chat = await TestChat.start({ dataDir, plugins: [legacy, ...bundledPlugins([])] })
    expect(await chat.say('小明: /分数')).toContain('a=3')
  })
})
