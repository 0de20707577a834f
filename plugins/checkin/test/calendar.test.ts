import { afterEach, describe, expect, it } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

/** Reminders the bot posted among a line's output (the owner never checks in: the 还没打过卡 tier). */
const reminders = (lines: string[]) => lines.filter((line) => line.includes('还没打过卡'))

/** Moves the clock to each local time in turn and says how many reminders went out on the way to it. */
async function remindersAlong(c: TestChat, times: string[]): Promise<number[]> {
  const counts: number[] = []
  for (const time of times) counts.push(reminders(await c.line(`:clock ${time}`)).length)
  return counts
}

describe('the reminder across a daylight-saving change', () => {
  it.each([
    ['spring forward', '2026-03-28 12:00', ['2026-03-28', '2026-03-29', '2026-03-30']],
    ['fall back', '2026-10-24 12:00', ['2026-10-24', '2026-10-25', '2026-10-26']],
  ])('%s in Berlin: once a day at 21:00 local, never earlier, never twice', async (_, start, days) => {
    chat = await TestChat.start({ config: { timeZone: 'Europe/Berlin', outbox: { quietHours: null } } })
    await chat.line(`:clock ${start}`)
    await chat.script(':owner 王老师\n:join 小明')
    await chat.say('王老师: /提醒时间 设置 21:00')
    for (const day of days) {
      expect(await remindersAlong(chat, [`${day} 20:59`, `${day} 21:00`, `${day} 23:59`])).toEqual([0, 1, 0])
    }
  })

  it('at a time the change skips or repeats (02:30): once, and never before it', async () => {
    chat = await TestChat.start({ config: { timeZone: 'Europe/Berlin', outbox: { quietHours: null } } })
    await chat.line(':clock 2026-03-28 12:00')
    await chat.script(':owner 王老师\n:join 小明')
    await chat.say('王老师: /提醒时间 设置 02:30')
    // 29 March: clocks jump from 02:00 to 03:00, so 02:30 never shows; the reminder comes at the first moment after.
    expect(await remindersAlong(chat, ['2026-03-29 01:59', '2026-03-29 03:00', '2026-03-29 03:31'])).toEqual([
      0, 0, 1,
    ])
    expect(await remindersAlong(chat, ['2026-03-30 02:29', '2026-03-30 02:30'])).toEqual([0, 1])
    // 25 October: 02:00–03:00 happens twice; 02:30 is reminded the first time only.
    // (Walked in minutes: a wall time in the repeated hour is ambiguous, and :clock reads it as the later one.)
    await chat.line(':clock 2026-10-25 01:59')
    const steps = []
    for (const step of ['30m', '1m', '1h', '1m'])
      steps.push(reminders(await chat.line(`:advance ${step}`)).length)
    // 02:29 and 02:30 the first time, 02:30 and 02:31 the second.
    expect(steps).toEqual([0, 1, 0, 0])
    expect(await remindersAlong(chat, ['2026-10-26 02:29', '2026-10-26 02:30'])).toEqual([0, 1])
  })
})

describe('the new year', () => {
  it('keeps a streak from 31 December to 1 January, and reminds once on each day', async () => {
    chat = await TestChat.start({ config: { timeZone: 'America/New_York', outbox: { quietHours: null } } })
    await chat.line(':clock 2026-12-30 09:00')
    await chat.script(':owner 王老师\n:join 小明')
    await chat.say('王老师: /提醒时间 设置 21:00')
    expect(await chat.say('小明: 打卡')).toContain('小明 打卡成功')
    expect(await remindersAlong(chat, ['2026-12-30 21:00', '2026-12-31 09:00'])).toEqual([1, 0])
    expect(await chat.say('小明: 打卡')).toContain('已连续 2 天')
    expect(await remindersAlong(chat, ['2026-12-31 20:59', '2026-12-31 21:00', '2027-01-01 09:00'])).toEqual([
      0, 1, 0,
    ])
    expect(await chat.say('小明: 打卡')).toContain('已连续 3 天')
    expect(await remindersAlong(chat, ['2027-01-01 20:59', '2027-01-01 21:00', '2027-01-01 23:59'])).toEqual([
      0, 1, 0,
    ])
    // 02:00 on 2 January still belongs to New Year's Day (the day starts at 04:00): already checked in.
    await chat.line(':clock 2027-01-02 02:00')
    expect(await chat.say('小明: 打卡')).toContain('今天已经打过卡啦')
  })
})
