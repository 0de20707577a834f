import { afterEach, describe, expect, it } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'
import { computeFigures } from '../figures.js'

describe('the figures, on a fixture worked out by hand', () => {
  // Today is Thursday 2026-12-10; the week started Monday 12-07.
  const days = (...list: string[]) => new Set(list)
  const figures = computeFigures({
    members: ['a', 'b', 'c', 'd', 'e', 'f'],
    joinedOn: new Map([
      ['a', '2026-12-08'], // new this week; active the day after joining (day 1) → retained on day 1
      ['b', '2026-12-01'], // joined 9 days ago: day 1 (12-02) silent, day 7 (12-08) active
      ['c', '2026-09-01'], // long ago: counted for day 1, 7 and 30; active on none of them
    ]),
    activeDays: new Map([
      ['a', days('2026-12-09', '2026-12-10')],
      ['b', days('2026-12-08')],
      ['c', days('2026-09-20')],
      ['d', days('2026-12-03')],
      // e: never said anything in 60 days (no join record: been here long enough) → churned
      ['f', days('2026-10-15')],
    ]),
    checkedInToday: new Set(['a', 'b', 'x']),
    today: '2026-12-10',
    weekStart: '2026-12-07',
  })

  it('counts members, newcomers and activity', () => {
    expect(figures.members).toBe(6)
    expect(figures.newThisWeek).toBe(1) // a
    expect(figures.activeToday).toBe(1) // a
    expect(figures.active7).toBe(2) // a (12-09, 12-10), b (12-08); d's 12-03 is 8 days back
  })

  it('counts silent and churned members among those here long enough', () => {
    // silent 7: here ≥ 7 days and no word in the last 7: c, d, e, f (a joined 3 days ago, b spoke on 12-08)
    expect(figures.silent7).toBe(4)
    // churned 60: here ≥ 60 days and no word since 10-12: c (last 09-20), e (never); f spoke on 10-15
    expect(figures.churned60).toBe(2)
  })

  it('counts nobody as silent or churned for longer than the bot has watched the room', () => {
    // The room's log starts on 12-08: e and f, never seen joining, have only been watched three days.
    const watched = computeFigures({
      members: ['e', 'f'],
      joinedOn: new Map(),
      activeDays: new Map(),
      today: '2026-12-10',
      weekStart: '2026-12-07',
      watchedSince: '2026-12-08',
    })
    expect(watched).toMatchObject({ silent7: 0, churned60: 0 })
    const longer = computeFigures({
      members: ['e', 'f'],
      joinedOn: new Map(),
      activeDays: new Map(),
      today: '2026-12-10',
      weekStart: '2026-12-07',
      watchedSince: '2026-12-01',
    })
    expect(longer).toMatchObject({ silent7: 2, churned60: 0 })
  })

  it('gives the check-in rate and the joiners’ retention', () => {
    expect(figures.checkinRate).toBe(33) // a and b of six; x is not a member any more
    // day 1: a (12-09 ✓), b (12-02 ✗), c (09-02 ✗) → 1 of 3; day 7: b (12-08 ✓), c (09-08 ✗) → 1 of 2;
    // day 30: c (10-01 ✗) → 0 of 1
    expect(figures.retention).toEqual({ day1: 33, day7: 50, day30: 0, joiners: 3 })
  })
})

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

describe('/数据', () => {
  it('reports the room from its joins, log and check-ins, for leaders', async () => {
    chat = await TestChat.start({ startAt: new Date('2026-12-07T10:00+08:00') })
    await chat.script(':owner 王老师\n:join 小明 小红\n小明: 大家好\n小明: 打卡')
    await chat.line(':advance 1d')
    await chat.say('小明: 今天也来了')
    const report = await chat.say('王老师: /数据')
    expect(report).toContain('成员 3 人，本周新加入 2 人')
    // 小明 today, and 王老师 asking for the figures: a command is taking part too.
    expect(report).toContain('今天发言 2 人，近 7 天发言 2 人')
    expect(report).toContain('今天打卡率 0%')
    expect(report).toContain('新人留存（加入后第 1 / 7 / 30 天还发言）：50% / — / —')
    expect(await chat.say('小明: /数据')).toMatch(/组长/u)
  })

  it('in a room the bot has just started watching, calls no one silent or churned', async () => {
    chat = await TestChat.start({
      startAt: new Date('2026-12-07T10:00+08:00'),
      config: { admins: ['运营小李'] },
    })
    // The owner has said nothing, but the bot has watched the room for minutes, not for 7 or 60 days.
    await chat.script(':owner 王老师\n小明: 大家好')
    const report = await chat.say('运营小李: /数据')
    expect(report).toContain('潜水（7 天没发言）0 人，流失（60 天没发言）0 人')
  })
})
