import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

// Shanghai wall time: 2026-12-04 is a Friday.
const at = (local: string) => new Date(`${local}+08:00`)

async function start(startAt: Date, dataDir?: string) {
  chat = await TestChat.start({ startAt, dataDir })
  await chat.script(':owner 王老师\n:join 小明 小红')
  return chat
}

describe('/待办', () => {
  it('runs a day: added, listed, done by the assignee, cleared at night, posted in the morning', async () => {
    await start(at('2026-12-04T09:00'))
    expect(await chat?.say('王老师: /待办 添加 提交周报 @小明 截止 18:00')).toContain(
      '今天的待办 1：提交周报（@小明），18:00 前',
    )
    expect(await chat?.say('王老师: /待办 每日 晚上九点前打卡')).toContain('每日待办 2')
    expect(await chat?.say('小红: /待办 完成 1')).toContain('指派给了 小明')
    expect(await chat?.say('小红: /待办 添加 我也想加')).toMatch(/组长/u)
    expect(await chat?.say('小明: /待办 完成 1')).toContain('小明 完成了「提交周报」')
    const list = (await chat?.say('小红: /待办')) ?? ''
    expect(list).toMatch(/2\. 晚上九点前打卡（每天）[\s\S]*1\. ✅ 提交周报/u)
    // Nothing at night; in the morning, today's to-dos in one message.
    expect(await chat?.line(':advance 15h')).toEqual([])
    const morning = (await chat?.line(':advance 8h')) ?? []
    expect(morning.filter((line) => line.startsWith('['))).toHaveLength(1)
    expect(morning.join('\n')).toContain('2. 晚上九点前打卡')
    expect(morning.join('\n')).not.toContain('提交周报')
  })

  it('posts nothing in the morning when there is nothing to do, and keeps each room’s items to itself', async () => {
    await start(at('2026-12-04T09:00'))
    await chat?.script(':room 跑步群\n:owner 李老师')
    await chat?.say('李老师: /待办 时间 清理 21:00 早上 06:30')
    await chat?.say('李老师: /待办 每日 晨跑打卡')
    await chat?.script(':room 训练营1组')
    expect(await chat?.say('王老师: /待办')).toContain('今天没有待办')
    // 06:30 falls in the quiet hours (22:30–08:00): the post waits for 08:00, as scheduled posts do.
    expect(await chat?.line(':advance 22h')).toEqual([])
    const next = (await chat?.line(':advance 1h')) ?? []
    expect(next).toEqual([
      expect.stringMatching(/^\[跑步群\] 小助手: /u),
      '  1. 晨跑打卡',
      expect.stringContaining('做完了'),
    ])
  })

  it('catches up after downtime once: the clean-up on start, one morning post after three days away', async () => {
    const first = await start(at('2026-12-04T20:00'))
    const dataDir = first.dataDir
    await first.say('王老师: /待办 添加 交作业')
    await first.say('王老师: /待办 每日 打卡')
    await first.stop()
    // Down at 22:30, up at 23:10: the clean-up runs once on start.
    chat = await TestChat.start({ startAt: at('2026-12-04T23:10'), dataDir })
    expect(await chat.say('王老师: /待办')).not.toContain('交作业')
    await chat.stop()
    // Away for three days: one morning post for today, not three.
    chat = await TestChat.start({ startAt: at('2026-12-08T09:00'), dataDir })
    await chat.line(':advance 1m')
    // What the bot said in the room, from its own log: one morning post, on the day it came back.
    const said = readdirSync(join(dataDir, 'logs'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) =>
        readFileSync(join(dataDir, 'logs', name), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => ({
            day: name.slice(-16, -6),
            ...(JSON.parse(line) as { bot?: true; text: string }),
          })),
      )
      .filter((entry) => entry.bot && entry.text.includes('做完了发'))
    expect(said.map((entry) => entry.day)).toEqual(['2026-12-08'])
    expect(await chat.say('王老师: /待办')).toContain('2. 打卡（每天）')
  })

  it('answers bad input with what it takes', async () => {
    await start(at('2026-12-04T09:00'))
    expect(await chat?.say('王老师: /待办 添加')).toContain('待办内容是空的')
    expect(await chat?.say('王老师: /待办 完成 9')).toContain('没有编号为 9')
    expect(await chat?.say('王老师: /待办 完成')).toContain('要写上待办的编号')
    expect(await chat?.say('王老师: /待办 时间 25:61')).toContain('/待办 时间 清理 22:30 早上 08:00')
    expect(await chat?.say('王老师: /待办 时间')).toContain('本群现在是每晚 22:30 清理')
    expect(await chat?.say('王老师: /待办 添加 {{ 7*7 }} 号教室')).toContain('{{ 7*7 }} 号教室')
  })
})
