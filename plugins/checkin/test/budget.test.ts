import { afterEach, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
import { TestChat } from '../../../test/support/harness.js'

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

const at = (local: string) => new Date(`${local}+08:00`)
/** The bot's messages among a line's output, a multi-line one (its later lines indented) as one. */
const posts = (lines: string[]) =>
  lines.reduce<string[]>((messages, line) => {
    if (line.startsWith('  ') && messages.length > 0) messages[messages.length - 1] += `\n${line.trim()}`
    else messages.push(line)
    return messages
  }, [])

/**
 * A deployment too large for its cap, seen from one room: with a daily cap of 3 sends a room gets about two,
 * so check-ins are named in one digest with the reminder, and later ones in a closing roll-up.
 */
const large = (dailyCap: number, singleMessage: 'digest' | 'reminder' = 'digest') => ({
  outbox: { dailyCap, quietHours: null },
  plugins: { checkin: { singleMessage } },
})

describe('a room of a large deployment', () => {
  it('gets one digest with the reminder instead of instant replies, and every check-in is named by the day’s end', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T08:00'), config: large(3) })
    await chat.script(':owner 王老师\n:join 小明 小红 阿杰 小美')
    await chat.say('王老师: /提醒时间 设置 21:00')
    for (const name of ['小明', '小红', '阿杰']) expect(await chat.say(`${name}: 打卡`)).toBe('')
    // Nothing is rolled up through the day: the room's sends are kept for the digest.
    expect(await chat.line(':advance 12h')).toEqual([])
    const digest = posts(await chat.line(':advance 1h'))
    expect(digest).toHaveLength(1)
    for (const name of ['小明', '小红', '阿杰']) expect(digest[0]).toContain(name)
    expect(digest[0]).toContain('还有 2 位小伙伴今天还没打卡')
    // The reminder names no one individually: the count is enough.
    expect(digest[0]).not.toMatch(/@小美|@王老师/u)
    // A check-in after the digest is named in the closing roll-up, before quiet hours.
    expect(await chat.say('小美: 打卡')).toBe('')
    const closing = posts(await chat.line(':advance 2h'))
    expect(closing).toHaveLength(1)
    expect(closing[0]).toContain('小美')
    expect(closing[0]).not.toContain('小明')
  })

  it('with room for one message a day, names every check-in in the evening digest and sends no reminder', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T20:00'), config: large(1) })
    await chat.script(':owner 王老师\n:join 小明 小红 阿杰')
    // The leader hears at once that the evening digest comes instead of a reminder.
    expect(await chat.say('王老师: /提醒时间 设置 21:00')).toMatch(/22:20[\s\S]*不另发提醒/u)
    expect(await chat.say('小明: /提醒时间')).toMatch(/22:20[\s\S]*不另发提醒[\s\S]*21:00/u)
    expect(await chat.say('小明: 打卡')).toBe('')
    expect(await chat.line(':advance 1h')).toEqual([])
    expect(await chat.say('小红: 打卡')).toBe('')
    const digest = posts(await chat.line(':advance 2h'))
    expect(digest).toHaveLength(1)
    expect(digest[0]).toMatch(/小明/u)
    expect(digest[0]).toMatch(/小红/u)
    expect(digest[0]).not.toMatch(/阿杰|还没打卡/u)
  })

  it('with room for one message a day and `singleMessage: reminder`, names a late check-in at the top of the next digest', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T20:00'), config: large(1, 'reminder') })
    await chat.script(':owner 王老师\n:join 小明 小红')
    await chat.say('王老师: /提醒时间 设置 21:00')
    await chat.say('小明: 打卡')
    expect(posts(await chat.line(':advance 1h'))[0]).toContain('小明')
    await chat.line(':advance 30m')
    expect(await chat.say('小红: 打卡')).toBe('')
    expect(await chat.line(':advance 2h')).toEqual([])
    await chat.line(':advance 12h')
    await chat.say('小明: 打卡')
    const next = posts(await chat.line(':advance 10h'))
    expect(next).toHaveLength(1)
    expect(next[0]).toMatch(/上次汇总之后打卡的：小红[\s\S]*连续 2 天：小明/u)
  })

  it('keeps the waiting check-ins across a restart', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T10:00'), config: large(3) })
    const dataDir = chat.dataDir
    await chat.script(':owner 王老师\n:join 小明 小红')
    await chat.say('王老师: /提醒时间 设置 21:00')
    await chat.say('小明: 打卡')
    await chat.say('小红: 打卡')
    await chat.stop()
    chat = await TestChat.start({ startAt: at('2026-12-04T12:00'), dataDir, config: large(3) })
    const digest = posts(await chat.line(':advance 9h'))
    expect(digest).toHaveLength(1)
    expect(digest[0]).toMatch(/小明、小红/u)
  })

  it('in a small deployment still answers the first few at once and rolls up the rest, as configured', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T20:00'), config: { outbox: { quietHours: null } } })
    await chat.script(':owner 王老师')
    for (const name of ['甲', '乙', '丙']) expect(await chat.say(`${name}: 打卡`)).toContain('打卡成功')
    expect(await chat.say('丁: 打卡')).toBe('')
    await chat.stop()
    chat = await TestChat.start({ startAt: at('2026-12-04T20:05'), dataDir: chat.dataDir })
    expect(await chat.line(':advance 10m')).toEqual([
      '[训练营1组] 小助手: 📌 刚刚打卡的小伙伴：丁，都很棒，继续保持！',
    ])
  })
})

describe('a check-in from someone not in the room', () => {
  it('is not counted and not answered, and the bot carries on', async () => {
    chat = await TestChat.start({ startAt: at('2026-12-04T20:00') })
    await chat.script(':owner 王老师\n:join 小明 小红')
    await chat.line(':leave 小红')
    const { world } = chat.sandbox
    world.markInjected('late-1')
    const said = await chat.sandbox.inject('late-1', () => {
      world.mocker.MessageMock.create({
        id: 'late-1',
        type: types.Message.Text,
        text: '打卡',
        talkerId: world.contact('小红').id,
        roomId: chat?.sandbox.currentRoomId,
        mentionIdList: [],
        timestamp: chat?.sandbox.clock.now().getTime(),
      } as never)
      world.puppet.emit('message', { messageId: 'late-1' })
    })
    expect(said).toEqual([])
    expect(await chat.say('小明: 打卡')).toContain('小明 打卡成功')
    const stats = await chat.say('王老师: /打卡 统计')
    expect(stats).toMatch(/今天已打卡 1\/2 人/u)
    expect(await chat.say('王老师: /排行榜')).not.toContain('小红')
  })
})
