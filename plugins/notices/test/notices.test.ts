import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

async function start(dataDir?: string) {
  chat = await TestChat.start({ dataDir, config: { outbox: { quietHours: null } } })
  await chat.script(':clock 2026-12-04 20:00\n:owner 王老师')
  return chat
}

describe('/公告', () => {
  it('previews a notice with advice, and says when one reads well', async () => {
    await start()
    const rough = await chat?.say('王老师: /公告 预览 晚上8点开会！！！')
    expect(rough).toContain('发出去会是这样')
    expect(rough).toContain('像在喊话')
    expect(rough).toContain('没写哪天')
    expect(await chat?.say('王老师: /公告 预览 12月6日（周六）14:00 线上分享\\n地点见群文件')).toContain(
      '写得很清楚',
    )
  })

  it('publishes with its lines kept; where the account cannot, as a 【群公告】 message', async () => {
    await start()
    expect(await chat?.line('王老师: /公告 发布 周六停课\\n周日照常')).toEqual([
      '[训练营1组] 小助手 公告: 周六停课',
      '  周日照常',
    ])
    vi.spyOn(chat?.sandbox.world.puppet as never, 'roomAnnounce').mockRejectedValue(new Error('Unsupported'))
    expect(await chat?.line('王老师: /公告 发布 周一考试')).toEqual([
      '[训练营1组] 小助手: 【群公告】',
      '  周一考试',
    ])
  })

  it('refuses an empty or too long notice, and members', async () => {
    await start()
    expect(await chat?.say('王老师: /公告 发布')).toContain('公告内容是空的')
    expect(await chat?.say('王老师: /公告 预览')).toContain('「/公告 预览 本周六')
    expect(await chat?.say('王老师: /公告 定时 08:00')).toContain('「/公告 定时 每周一 09:00')
    expect(await chat?.say(`王老师: /公告 发布 ${'长'.repeat(5000)}`)).toContain('超过了 2000 字的上限')
    expect(await chat?.say('小明: /公告 发布 我来发')).toMatch(/组长/u)
    expect(await chat?.say('王老师: /公告 发布 {{ 7*7 }} 号教室')).toContain('{{ 7*7 }} 号教室')
  })

  it('posts timed notices at their time, lists them with the next run, cancels them', async () => {
    await start()
    expect(await chat?.say('王老师: /公告 定时 每周一 09:00 本周安排见群文件')).toContain(
      '定时公告 1：每周一 09:00 发布，下次是 12-07 09:00',
    )
    expect(await chat?.say('王老师: /公告 定时 21:30 今天的作业记得交')).toContain('定时公告 2：每天 21:30')
    expect(await chat?.say('王老师: /公告 列表')).toMatch(
      /1\. 每周一 09:00（下次 12-07 09:00）：本周安排见群文件\n\s+2\. 每天 21:30（下次 12-04 21:30）/u,
    )
    expect(await chat?.line(':advance 2h')).toEqual(['[训练营1组] 小助手 公告: 今天的作业记得交'])
    // Friday 22:00 → Monday 10:00: Saturday's and Sunday's evenings and one Monday morning, each once.
    const weekend = (await chat?.line(':advance 60h')) ?? []
    expect(weekend.filter((l) => l.includes('今天的作业记得交'))).toHaveLength(2)
    expect(weekend.filter((l) => l.includes('本周安排见群文件'))).toHaveLength(1)
    expect(await chat?.say('王老师: /公告 取消 2')).toContain('已取消')
    expect(await chat?.line(':advance 1d')).toEqual([])
    expect(await chat?.say('王老师: /公告 取消 9')).toContain('没有编号为 9')
    expect(await chat?.say('王老师: /公告 取消')).toContain('要写上定时公告的编号')
  })

  it('answers a time it cannot read with the forms it can', async () => {
    await start()
    for (const typed of ['25:61 你好', '明早八点 你好', '* * * 你好']) {
      expect(await chat?.say(`王老师: /公告 定时 ${typed}`)).toContain('/公告 定时 每周一 09:00 内容')
    }
    // Nothing typed is not a time misread: the forms, without 「没看懂」.
    const bare = await chat?.say('王老师: /公告 定时')
    expect(bare).toContain('定时公告要写上时间和内容')
    expect(bare).not.toContain('没看懂')
  })

  it('keeps timed notices across a restart, per room, and skips a damaged record with a word in the log', async () => {
    const c = await start()
    const dataDir = c.dataDir
    await c.say('王老师: /公告 定时 08:00 早安，今天也加油')
    await c.script(':room 跑步群\n:owner 李老师')
    await c.say('李老师: /公告 定时 07:00 晨跑集合')
    await c.stop()
    const file = join(dataDir, 'state', 'notices.json')
    const state = JSON.parse(readFileSync(file, 'utf8'))
    state.tables.timed['broken#9'] = { roomKey: 'broken', id: 'x' }
    writeFileSync(file, JSON.stringify(state))
    chat = await TestChat.start({ dataDir, config: { outbox: { quietHours: null } } })
    await chat.line(':clock 2026-12-05 06:00')
    const morning = await chat.line(':advance 3h')
    expect(morning).toEqual(['[跑步群] 小助手 公告: 晨跑集合', '[训练营1组] 小助手 公告: 早安，今天也加油'])
    await chat.line(':room 训练营1组')
    expect(await chat.say('王老师: /公告 列表')).not.toContain('晨跑')
  })
})
