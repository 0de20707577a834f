import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'

/** A short discussion in the current room: five members, a dozen messages. */
const DISCUSSION = [
  '小明: 我觉得早起最难的是前一天晚上早睡，手机一放下就好了。',
  '小红: 我试过闹钟放远一点，必须下床才能关，这个办法很有效！',
  '阿杰: 早上起来先喝一杯温水，人会清醒很多。',
  '小明: 周末要不要也按时起？我总是周末就破功了。',
  '小红: 周末可以晚半小时，但别睡到中午，不然周一很痛苦。',
  '阿杰: 我们可以在群里打卡互相监督，谁先起床谁发个早安。',
  '小丽: 我是夜班，早起对我不太适用，有没有别的建议？',
  '小明: 夜班的话固定睡眠时间最重要，不一定非要早起。',
  '小红: 同意，关键是规律，而不是几点起。',
  '阿杰: 下周一开始试试打卡吧，连续七天有小奖励。',
]

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

const START = new Date('2026-12-04T01:00:00Z')

async function room(topic = '训练营1组') {
  await chat?.script(`:room ${topic}\n:owner 王老师`)
}

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : []
}

describe('a topic becomes a highlight', () => {
  it('opens, closes, posts the short version, files the archive and pays the contributors', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    const opened = await chat.say('王老师: /话题 怎样坚持早起')
    expect(opened).toContain('话题开始：「怎样坚持早起」')
    await chat.script(DISCUSSION.join('\n'))
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).toContain('【精华】怎样坚持早起（离线整理）')
    expect(closed).toMatch(/参与讨论：.*小明.*小红.*阿杰/u)
    expect(closed).toContain('共 10 条消息')
    expect(closed).toContain('「/精华 1」')
    // The chat's own words, never invented: every quoted line is in the discussion.
    for (const [, text] of closed.matchAll(/「([^」]+)」——/gu)) {
      expect(DISCUSSION.some((line) => line.includes(text as string))).toBe(true)
    }
    const folder = join(chat.dataDir, 'highlights')
    const archive = files(folder)
    expect(archive).toEqual(expect.arrayContaining(['index.md']))
    const markdown = archive.find((f) => f.endsWith('-1.md')) as string
    expect(readFileSync(join(folder, markdown), 'utf8')).toMatch(
      /^# 怎样坚持早起[\s\S]*## 要点[\s\S]*小明：3 条/u,
    )
    expect(readFileSync(join(folder, 'index.md'), 'utf8')).toContain('## 训练营1组')
    expect(await chat.say('小明: /积分')).toContain('精华贡献')
    expect(await chat.say('小明: /精华')).toMatch(/1\. 怎样坚持早起/u)
    expect(await chat.say('小明: /精华 1')).toContain('【精华】怎样坚持早起')
  })

  it('is for leaders to open and close; members hear who can', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    expect(await chat.say('小明: /话题 我想开个话题')).toMatch(/组长/u)
    expect(await chat.say('王老师: /话题 结束')).toContain('现在没有进行中的话题')
    expect(await chat.say('王老师: /话题')).toContain('现在没有进行中的话题')
    await chat.say('王老师: /话题 第一个')
    expect(await chat.say('王老师: /话题 第二个')).toContain('已经有一个话题「第一个」')
  })

  it('takes 「/话题 开始 标题」 as the title alone, the verb left out', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    expect(await chat.say('王老师: /话题 开始 周末读书安排')).toContain('话题开始：「周末读书安排」')
    expect(await chat.say('王老师: /话题')).toContain('周末读书安排')
    await chat.say('王老师: /话题 结束')
    // Only as the first word: a title that merely contains it is kept whole.
    expect(await chat.say('王老师: /话题 新学期开始了')).toContain('话题开始：「新学期开始了」')
  })

  it('closes by itself when left open, with a highlight', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.say('王老师: /话题 周末读什么书')
    await chat.script('小明: 我在读《人类简史》，很有意思。\n小红: 我推荐《置身事内》，讲中国经济的。')
    const out = await chat.say(':advance 25h')
    expect(out).toContain('已经开了很久')
    expect(out).toContain('【精华】周末读什么书')
    expect(await chat.say('王老师: /话题 结束')).toContain('现在没有进行中的话题')
  })

  it('with nothing said in words, says so instead of posting an empty highlight', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.say('王老师: /话题 安静的话题')
    expect(await chat.say('王老师: /话题 结束')).toContain('没有文字发言')
  })
})

describe('/总结', () => {
  it('reads on from the last one: neither repeats nor misses', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.script(DISCUSSION.slice(0, 5).join('\n'))
    const first = await chat.say('王老师: /总结')
    expect(first).toContain('共 5 条消息')
    expect(await chat.say('王老师: /总结')).toContain('还没有新的文字发言')
    await chat.script(DISCUSSION.slice(5).join('\n'))
    const second = await chat.say('王老师: /总结 2h')
    expect(second).toContain('共 5 条消息')
    expect(second).toMatch(/小丽/u)
    expect(await chat.say('王老师: /总结 昨天')).toContain('我没看懂')
  })

  it('overlaps a topic without taking anything from it: both count every message', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.say('王老师: /话题 怎样坚持早起')
    await chat.script(DISCUSSION.slice(0, 4).join('\n'))
    expect(await chat.say('王老师: /总结')).toContain('共 4 条消息')
    await chat.script(DISCUSSION.slice(4).join('\n'))
    expect(await chat.say('王老师: /话题 结束')).toContain('共 10 条消息')
    expect(await chat.say('王老师: /总结')).toContain('共 6 条消息')
  })

  it('leaves check-ins out: they are not points anyone made in the talk', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.say('王老师: /话题 怎样坚持早起')
    await chat.script(
      [...DISCUSSION.slice(0, 3), '小丽: 打卡✅ 第3天，今天六点起床', '小丽: 【打卡】背了30个单词'].join(
        '\n',
      ),
    )
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).toContain('共 3 条消息')
    expect(closed).not.toMatch(/小丽|背了30个单词/u)
  })

  it('pays contributor points once for the same words, however the summaries overlap', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.say('王老师: /话题 怎样坚持早起')
    await chat.script(DISCUSSION.slice(0, 4).join('\n'))
    await chat.say('王老师: /话题 结束')
    // The recap reads the same four messages again: nobody is paid twice for them.
    expect(await chat.say('王老师: /总结')).toContain('共 4 条消息')
    const paid = (reply: string) => reply.match(/精华贡献/gu)?.length ?? 0
    expect(paid(await chat.say('小明: /积分'))).toBe(1)
    // New words in the next recap are paid for; only their speakers earn.
    await chat.script('小红: 我明天开始把闹钟放到客厅。\n小丽: 我也想试试，一起打卡吧。')
    expect(await chat.say('王老师: /总结')).toContain('共 2 条消息')
    expect(paid(await chat.say('小明: /积分'))).toBe(1)
    expect(paid(await chat.say('小红: /积分'))).toBe(2)
    expect(paid(await chat.say('小丽: /积分'))).toBe(1)
  })

  it('counts images and emoji as taking part, and summarises only words', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.say('王老师: /话题 周末活动')
    await chat.script(
      '小明: 👍👍👍\n小红: 🎉\n阿杰: 周六下午去爬山怎么样？天气预报说是晴天。\n小明: 爬山好，我带水和零食。',
    )
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).toContain('共 4 条消息')
    expect(closed).toMatch(/参与讨论：小明、小红、阿杰/u)
    expect(closed).not.toContain('👍👍👍')
  })

  it('takes the last N messages with 50条', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.script(DISCUSSION.join('\n'))
    expect(await chat.say('王老师: /总结 3条')).toContain('共 3 条消息')
  })
})

describe('rooms and privacy', () => {
  it('keeps each room’s words in its own highlights', async () => {
    chat = await TestChat.start({ startAt: START })
    await room('读书会')
    await chat.say('王老师: /话题 读书方法')
    await chat.script('小明: 我习惯边读边做笔记，效果很好。\n小红: 我喜欢读完一章写一句话总结。')
    await room('跑步群')
    await chat.script('阿杰: 跑步群的秘密消息，不该出现在读书会。\n小丽: 明天早上六点操场见。')
    await room('读书会')
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).not.toMatch(/秘密|操场|阿杰|小丽/u)
    await room('跑步群')
    expect(await chat.say('阿杰: /精华')).toContain('本群还没有精华')
    expect(await chat.say('阿杰: /精华 1')).toContain('没有找到编号 1')
  })

  it('quotes a member who opted out as 一位群友, and still pays them', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    for (const name of ['小明', '小红', '阿杰', '小丽']) {
      expect(await chat.say(`${name}: /精华 不引用我`)).toContain('不会写出你的名字')
    }
    await chat.say('王老师: /话题 怎样坚持早起')
    await chat.script(DISCUSSION.join('\n'))
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).not.toMatch(/小明|小红|阿杰|小丽/u)
    expect(closed).toContain('一位群友')
    expect(await chat.say('小红: /积分')).toContain('精华贡献')
  })

  it('masks phone numbers and WeChat ids in what it posts', async () => {
    chat = await TestChat.start({ startAt: START })
    await room()
    await chat.say('王老师: /话题 联系方式')
    await chat.script(
      '小明: 报名请直接打我电话13812345678，周一到周五都可以。\n小红: 也可以加我微信号：xiaohong_2024，备注训练营。\n小明: 报名截止到下周五，名额只有二十个。',
    )
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).not.toContain('13812345678')
    expect(closed).not.toContain('xiaohong_2024')
  })
})

describe('review before posting', () => {
  it('holds highlights in a reviewing room until an admin approves, edits or drops them', async () => {
    chat = await TestChat.start({
      startAt: START,
      config: { admins: ['运营小李'], plugins: { highlights: { review: ['训练营1组'] } } },
    })
    await room()
    await chat.script(':join 运营小李')
    await chat.say('王老师: /话题 怎样坚持早起')
    await chat.script(DISCUSSION.join('\n'))
    const closed = await chat.line('王老师: /话题 结束')
    expect(closed.join('\n')).toContain('等管理员看过就发到群里')
    expect(closed.join('\n')).not.toContain('【精华】')
    // The admin hears of it in private, with how to approve.
    expect(closed.join('\n')).toMatch(/\[私聊 运营小李\][\s\S]*等待审核[\s\S]*\/精华 通过 1/u)
    expect(await chat.say('小明: /精华 1')).toContain('没有找到编号 1')
    expect(await chat.say('小明: /精华 通过 1')).toMatch(/管理员/u)
    expect(await chat.say(':dm 运营小李: /精华 审核')).toMatch(/【1】怎样坚持早起/u)
    expect(await chat.say(':dm 运营小李: /精华 修改 1 1 坚持早起的关键是前一晚早睡')).toContain(
      '第 1 条已更新',
    )
    expect(await chat.say(':dm 运营小李: /精华 修改 1 标题 早起经验谈')).toContain('标题现在是「早起经验谈」')
    expect(await chat.say(':dm 运营小李: /精华 修改 1 标题')).toContain('新标题不能是空的')
    const approved = await chat.say(':dm 运营小李: /精华 通过 1')
    expect(approved).toContain('【精华】早起经验谈')
    expect(approved).toContain('1. 坚持早起的关键是前一晚早睡')
    expect(approved).toMatch(/\[训练营1组\] 小助手: 【精华】/u)
    expect(await chat.say(':dm 运营小李: /精华 通过 1')).toContain('已经发布过了')
  })

  it('sends a highlight with a screened word to review, whatever the room’s setting', async () => {
    chat = await TestChat.start({ startAt: START, config: { admins: ['运营小李'] } })
    await room()
    await chat.say('王老师: /话题 副业')
    await chat.script(
      '小明: 有人私信我说刷单能赚钱，大家千万别信。\n小红: 对，刷单都是骗局，先交押金的都别碰。',
    )
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).toContain('等管理员看过就发到群里')
    expect(await chat.say(':dm 运营小李: /精华 审核')).toContain('含敏感词：刷单')
    expect(await chat.say(':dm 运营小李: /精华 删除 1')).toContain('不发了')
    expect(await chat.say('小明: /精华')).toContain('本群还没有精华')
  })

  it('delivers every highlight to the ops room when one is configured', async () => {
    chat = await TestChat.start({
      startAt: START,
      config: { plugins: { highlights: { opsRoom: '运营中心' } } },
    })
    await room('运营中心')
    await chat.script('运营小李: 大家好')
    await room()
    await chat.say('王老师: /话题 怎样坚持早起')
    await chat.script(DISCUSSION.join('\n'))
    const closed = await chat.say('王老师: /话题 结束')
    expect(closed).toMatch(/\[运营中心\] 小助手: 【训练营1组】新精华 1：怎样坚持早起/u)
    expect(closed).toContain('highlights')
  })
})
