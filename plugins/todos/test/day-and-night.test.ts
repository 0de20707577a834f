import { afterEach, expect, it } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

const at = (local: string) => new Date(`${local}+08:00`)

it('a simulated day with a restart in the middle of the night: clean-up, morning post and timed notice once each', async () => {
  chat = await TestChat.start({ startAt: at('2026-12-04T18:00') })
  const dataDir = chat.dataDir
  await chat.script(':owner 王老师')
  await chat.say('王老师: /待办 添加 交作业')
  await chat.say('王老师: /待办 每日 打卡')
  await chat.say('王老师: /公告 定时 08:30 今天的课在302教室')
  // The evening: the clean-up at 22:30 runs and says nothing.
  expect(await chat.line(':advance 5h')).toEqual([])
  expect(await chat.say('王老师: /待办')).not.toContain('交作业')
  await chat.stop()
  // A new process at 02:00 reads everything back; the night is quiet, the morning comes once.
  chat = await TestChat.start({ startAt: at('2026-12-05T02:00'), dataDir })
  const morning = await chat.line(':advance 7h')
  const posts = morning.filter((line) => line.startsWith('['))
  expect(posts).toEqual([expect.stringContaining('小助手: '), '[训练营1组] 小助手 公告: 今天的课在302教室'])
  expect(morning.join('\n')).toContain('打卡')
  expect(await chat.line(':advance 2h')).toEqual([])
})
