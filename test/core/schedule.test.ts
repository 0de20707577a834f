import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bundledPlugins } from '../../src/plugins.js'
import { nextSlot } from '../../src/scheduler/slots.js'
import { clockPlugin } from '../support/clock-plugin.js'
import { projectRoot, TestChat, tempDir } from '../support/harness.js'

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

const plugins = [...bundledPlugins([]), clockPlugin]

describe('jobs driven by the clock', () => {
  it('fires a daily job when the clock passes its time in the configured zone', async () => {
    chat = await TestChat.start({ plugins })
    await chat.line(':clock 2026-12-01 07:58')
    expect(await chat.line(':advance 1m')).toEqual([])
    expect(await chat.line(':advance 1m')).toEqual(['[训练营1组] 小助手: 早上好'])
  })

  it('lets the first :clock start in the past, so scripts with fixed dates keep working', async () => {
    chat = await TestChat.start({ plugins })
    await chat.line(':clock 2024-03-01 07:59')
    expect(await chat.line(':advance 2m')).toEqual(['[训练营1组] 小助手: 早上好'])
    expect(await chat.say('小明: /在吗')).toContain('在的')
  })

  it('fires every job due on the way, in order, when the clock jumps', async () => {
    chat = await TestChat.start({ plugins })
    await chat.line(':clock 2026-12-01 07:00')
    const out = await chat.line(':advance 2d')
    expect(out).toEqual([
      '[训练营1组] 小助手: 早上好',
      '[训练营1组] 小助手: 晚间提醒',
      '[训练营1组] 小助手: 早上好',
      '[训练营1组] 小助手: 晚间提醒',
    ])
  })

  it('rejects moving the clock back, and the run goes on', async () => {
    chat = await TestChat.start({ plugins })
    await chat.line(':clock 2026-12-01 09:00')
    expect(await chat.rejected(':clock 2026-12-01 08:00')).toContain('往回')
    expect(await chat.say('小明: /在吗')).toContain('在的')
  })

  it('holds scheduled posts during quiet hours and sends them when they end', async () => {
    chat = await TestChat.start({ plugins })
    await chat.line(':clock 2026-12-01 23:00')
    expect(await chat.line('王老师: /深夜广播 明早见')).toEqual([])
    expect(await chat.line(':advance 8h')).toEqual([])
    const morning = await chat.line(':advance 1h')
    expect(morning).toEqual(['[训练营1组] 小助手: 明早见', '[训练营1组] 小助手: 早上好'])
  })

  it('catches up a missed evening job once after downtime, never twice', async () => {
    const dataDir = tempDir()
    chat = await TestChat.start({ plugins, dataDir, startAt: new Date('2026-12-01T12:30:00Z') })
    expect(await chat.line(':advance 31m')).toEqual(['[训练营1组] 小助手: 晚间提醒']) // 21:01 Shanghai
    await chat.stop()
    chat = await TestChat.start({ plugins, dataDir, startAt: new Date('2026-12-04T00:00:00Z') })
    expect(chat.sandbox.startupOutput).toEqual(['[训练营1组] 小助手: 补发：晚间提醒'])
    await chat.stop()
    chat = await TestChat.start({ plugins, dataDir, startAt: new Date('2026-12-04T00:05:00Z') })
    expect(chat.sandbox.startupOutput).toEqual([])
  })
})

describe('a restart of the bot process', () => {
  const child = (dataDir: string, startAt: string, ...lines: string[]) =>
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'test/support/sandbox-child.ts'), dataDir, startAt, ...lines],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        timeout: 60_000,
      },
    )
      .trim()
      .split('\n')
      .filter(Boolean)

  it('reads back state and schedules written by the previous process', async () => {
    const dataDir = tempDir()
    const first = child(
      dataDir,
      '2026-12-01T01:00:00Z',
      ':owner 王老师',
      '小明: /计数',
      '小明: /计数',
      '王老师: /定时 10:00 该交作业啦',
      '王老师: /组长 添加 @小明 ',
    )
    expect(first).toContain('[训练营1组] 小助手: 小明，记下啦，你一共 2 次。')
    const second = child(dataDir, '2026-12-01T01:30:00Z', '小明: /计数', '小红: /组长', ':advance 1h')
    expect(second).toEqual([
      '[训练营1组] 小助手: 小明，记下啦，你一共 3 次。',
      '[训练营1组] 小助手: 「训练营1组」的组长：王老师（群主）、小明',
      '  有事可以直接找他们哦～',
      '[训练营1组] 小助手: 该交作业啦',
    ])
  }, 120_000)
})

describe('slots around a daylight-saving change', () => {
  const daily = { cron: '30 2 * * *', timeZone: 'Europe/Berlin' }
  it('keeps the day’s slot that falls in the skipped hour, at the first moment after it, however it is asked', () => {
    for (const after of ['2026-03-28T23:00Z', '2026-03-29T01:00Z', '2026-03-29T01:29Z']) {
      expect(nextSlot(daily, new Date(after)).toISOString()).toBe('2026-03-29T01:30:00.000Z')
    }
  })

  it('names a wall time the repeated hour shows twice only the first time', () => {
    expect(nextSlot(daily, new Date('2026-10-25T00:00Z')).toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(nextSlot(daily, new Date('2026-10-25T01:00Z')).toISOString()).toBe('2026-10-26T01:30:00.000Z')
  })
})
