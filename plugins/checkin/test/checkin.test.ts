import { afterEach, describe, expect, it } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'
import { checkinDay, isCheckinMessage, streakOf, tierOf } from '../checkin-rules.js'

describe('what counts as a check-in', () => {
  it.each([
    ['打卡', true],
    ['打卡✅ 今天背了50个单词', true],
    ['【打卡】第3天', true],
    ['打個卡', true],
    ['打一下卡', true],
    ['https://jingdaka.com/x 鲸打卡', true],
    ['今天忘了打卡', false],
    ['大家记得打卡哦', false],
  ])('「%s」 → %s', (text, yes) => {
    expect(isCheckinMessage(text)).toBe(yes)
  })

  it('counts a check-in before the day starts for the day before', () => {
    expect(checkinDay(new Date('2026-12-05T01:30+08:00'), 'Asia/Shanghai', '04:00')).toBe('2026-12-04')
    expect(checkinDay(new Date('2026-12-05T04:00+08:00'), 'Asia/Shanghai', '04:00')).toBe('2026-12-05')
    expect(checkinDay(new Date('2027-01-01T02:00+08:00'), 'Asia/Shanghai', '04:00')).toBe('2026-12-31')
  })

  it('counts days in a row', () => {
    expect(streakOf(new Set(['2026-12-03', '2026-12-04', '2026-12-05']), '2026-12-05')).toBe(3)
    expect(streakOf(new Set(['2026-12-02', '2026-12-04', '2026-12-05']), '2026-12-05')).toBe(2)
    expect(streakOf(new Set(['2026-12-04']), '2026-12-05')).toBe(0)
  })
})

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

const at = (local: string) => new Date(`${local}+08:00`)

describe('/打卡', () => {
  it('once a day, with streaks and points on the ledger; a second one is answered, not counted', async () => {
    chat = await TestChat.start({
      startAt: at('2026-12-04T20:00'),
      config: { plugins: { checkin: { streakEvery: 2 } } },
    })
    await chat.script(':owner 王老师')
    expect(await chat.say('小明: /打卡 背了 50 个单词')).toContain(
      '小明 打卡成功，第一次打卡，欢迎加入！+2 分',
    )
    expect(await chat.say('小明: 打卡✅')).toContain('今天已经打过卡啦')
    // Once a day is enough: a member posting 「打卡」 again and again is not answered each time.
    expect(await chat.say('小明: 打卡')).toBe('')
    expect(await chat.say('小明: 今天忘了打卡')).toBe('')
    await chat.line(':advance 1d')
    expect(await chat.say('小明: 【打卡】第二天')).toContain('已连续 2 天，+7 分')
    const points = await chat.say('小明: /积分')
    expect(points).toContain('一共 9 分')
    expect(points).toContain('连续打卡 2 天')
  })

  it('answers the first few each day, then gathers the rest into one roll-up', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T20:00') })
    await chat.script(':owner 王老师')
    for (const name of ['甲', '乙', '丙']) expect(await chat.say(`${name}: 打卡`)).toContain('打卡成功')
    expect(await chat.say('丁: 打卡')).toBe('')
    expect(await chat.say('戊: /打卡')).toBe('')
    expect(await chat.line(':advance 10m')).toEqual([
      '[训练营1组] 小助手: 📌 刚刚打卡的小伙伴：丁、戊，都很棒，继续保持！',
    ])
  })

  it('counts for the day before until 04:00, keeps check-ins across a restart, and shows the leader who is missing', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-05T01:30') })
    const dataDir = chat.dataDir
    await chat.script(':owner 王老师\n:join 小明 小红')
    await chat.say('小明: 打卡')
    await chat.stop()
    chat = await TestChat.start({ startAt: at('2026-12-05T03:00'), dataDir })
    expect(await chat.say('小明: 打卡')).toContain('今天已经打过卡啦')
    const stats = await chat.say('王老师: /打卡 统计')
    expect(stats).toMatch(/今天已打卡 1\/3 人/u)
    expect(stats).toContain('还没打卡：')
    expect(stats).toContain('小红')
    expect(await chat.say('小红: /打卡 统计')).toMatch(/组长/u)
  })
})

describe('the reminder', () => {
  it('is agreed by vote, goes only to those who have not checked in, once, and not when all are done', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T18:00'), config: { outbox: { quietHours: null } } })
    await chat.script(':owner 王老师\n:join 小明 小红 阿杰')
    expect(await chat.say('王老师: /提醒时间 设置')).toContain('要写上时间哦')
    expect(await chat.say('王老师: /提醒时间 投票 20:00 21:00 22:00')).toContain(
      '投票开始：20:00、21:00、22:00',
    )
    expect(await chat.say('小明: /投票 23:00')).toContain('不在投票选项里')
    await chat.say('小明: /投票 21:00')
    await chat.say('小红: /投票 22:00')
    expect(await chat.say('小明: /投票 22:00')).toContain('改投了 22:00')
    await chat.say('阿杰: /投票 21:00')
    // 21:00 and 22:00 have one vote each after 小明 changed his: the tie goes to the later time.
    expect(await chat.say('王老师: /提醒时间 结束')).toContain('以后每天 22:00 提醒')
    await chat.say('小明: 打卡')
    expect(await chat.line(':advance 3h')).toEqual([])
    const reminder = await chat.line(':advance 1h')
    expect(reminder).toHaveLength(1)
    expect(reminder[0]).toMatch(/@王老师.*@小红.*@阿杰|@小红/u)
    expect(reminder[0]).not.toContain('@小明')
    // The next day everyone checks in before the reminder: none is sent.
    await chat.line(':advance 12h')
    for (const name of ['王老师', '小明', '小红', '阿杰']) await chat.say(`${name}: 打卡`)
    const evening = await chat.line(':advance 12h')
    expect(evening.filter((line) => line.includes('⏰'))).toEqual([])
  })

  it('reminds a member in private at the time they asked, only if they have not checked in', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T18:00'), config: { outbox: { quietHours: null } } })
    await chat.script(':owner 王老师')
    expect(await chat.say('小明: /提醒我')).toContain('比如「/提醒我 22:30」')
    expect(await chat.say('小明: /提醒我 22:30')).toContain('每天 22:30')
    expect(await chat.say('小明: /提醒我 明晚')).toContain('「明晚」这个时间我没看懂')
    expect(await chat.say('小明: /提醒我')).toContain('你设了每天 22:30 私聊提醒')
    expect(await chat.line(':advance 5h')).toEqual([
      '[私聊 小明] 小助手: 小明，今天在「训练营1组」还没打卡哦，记得发一句「打卡」～',
    ])
    await chat.line(':advance 20h')
    await chat.say('小明: 打卡')
    expect(await chat.line(':advance 4h')).toEqual([])
  })

  it('stops the private reminder when the member cancels it', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T18:00'), config: { outbox: { quietHours: null } } })
    await chat.script(':owner 王老师')
    expect(await chat.say('小红: /提醒我 取消')).toContain('本来就没有设私聊提醒')
    await chat.say('小红: /提醒我 22:30')
    expect(await chat.say('小红: /提醒我 取消')).toContain('以后不再私聊提醒你打卡了')
    expect(await chat.line(':advance 5h')).toEqual([])
    expect(await chat.say('小红: /提醒我')).toContain('比如「/提醒我 22:30」')
  })
})

describe('tiers', () => {
  it('are computed from the days before today', () => {
    const days = new Set(['2026-12-01', '2026-12-02', '2026-12-03'])
    expect(tierOf(days, '2026-12-04')).toBe('daily')
    expect(tierOf(days, '2026-12-05')).toBe('lapsed')
    expect(tierOf(days, '2026-12-06')).toBe('lapsed')
    expect(tierOf(days, '2026-12-07')).toBe('away')
    expect(tierOf(new Set(), '2026-12-07')).toBe('never')
    expect(tierOf(new Set(['2026-12-07']), '2026-12-07')).toBe('never')
  })

  it('over two weeks: reminders in each tier’s tone, a welcome back with a bonus after a gap', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-01T09:00'), config: { outbox: { quietHours: null } } })
    await chat.script(':owner 王老师\n:join 小明 小红')
    await chat.say('王老师: /提醒时间 设置 21:00')
    // 小红 introduces herself (the icebreaker keeps her hobby), checks in on the first day only; 小明 every day.
    await chat.say('小红: 昵称：小红\\n最喜欢吃的食物：火锅\\n空闲时喜欢做什么：爬山')
    await chat.say('小红: 打卡')
    for (let d = 0; d < 7; d++) {
      await chat.say('小明: 打卡')
      await chat.line(':advance 1d')
    }
    // Day 8, 09:00: at 21:00 小明 (daily) and 小红 (away) and 王老师 (never) get their own words.
    const evening = await chat.line(':advance 12h')
    const text = evening.join('\n')
    expect(text).toMatch(/@小明[^\n]*连续打卡的小伙伴/u)
    expect(text).toMatch(/@小红[^\n]*好几天没见到/u)
    expect(text).toMatch(/@王老师[^\n]*还没打过卡/u)
    await chat.line(':advance 12h')
    const back = await chat.say('小红: 打卡')
    expect(back).toContain('小红 回来啦')
    expect(back).toContain('喜欢爬山')
    expect(await chat.say('小红: /积分')).toContain('回归打卡')
    const stats = await chat.say('王老师: /打卡 统计')
    // 小红 checked in today (keeping up again), 小明 missed yesterday, 王老师 never.
    expect(stats).toContain('天天打卡 1 人 · 断了一两天 1 人 · 三天以上没来 0 人 · 还没打过 1 人')
  })
})

describe('a room of 1,000 members', () => {
  it('gets one reminder split by the mention cap, every member not yet done named once', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T18:00'), config: { outbox: { quietHours: null } } })
    const names = Array.from({ length: 1000 }, (_, i) => `成员${i}`)
    await chat.script(`:owner 王老师\n:join ${names.join(' ')}`)
    await chat.say('王老师: /提醒时间 设置 20:00')
    await chat.say('成员0: 打卡')
    const reminder = (await chat.line(':advance 3h')).filter((line) => line.startsWith('['))
    const mentioned = reminder.flatMap((line) => [...line.matchAll(/@(\S+)/gu)].map((m) => m[1]))
    // 1,000 members and the owner, less the one who checked in; ten mentions a message.
    expect(reminder).toHaveLength(100)
    expect(new Set(mentioned).size).toBe(1000)
    expect(mentioned).not.toContain('成员0')
    expect(await chat.line(':advance 1h')).toEqual([])
  }, 60_000)
})
