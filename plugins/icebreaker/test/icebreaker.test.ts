import { afterEach, describe, expect, it } from 'vitest'
import { TestChat } from '../../../test/support/harness.js'
import { watchSends } from '../../../test/support/sends.js'
import { keysOf, messages, profilesOf } from './support.js'

let chat: TestChat
afterEach(async () => {
  await chat?.stop()
})

const ROOM = '[训练营1组] 小助手: '

/** A room with an owner (the leader) and members who are already in. */
async function room(...members: string[]): Promise<TestChat> {
  chat = await TestChat.start()
  await chat.line(':owner 王老师')
  for (const name of members) await chat.line(`${name}: 大家好`)
  return chat
}

describe('welcome', () => {
  it('greets a join batch with one message that really @-mentions each newcomer and names the leader', async () => {
    await room()
    const sent = watchSends(chat)
    const out = await chat.line(':join 小明 小红')
    expect(messages(out)).toHaveLength(1)
    const text = out.join('\n')
    expect(text).toMatch(/^\[训练营1组\] 小助手: 欢迎 @小明 @小红 /)
    expect(text).toContain('王老师')
    expect(text).toContain('自我介绍')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.mentioned).toEqual(['小明', '小红'])
  })

  it('splits a batch larger than the mention cap: 25 newcomers, cap 10, 3 messages', async () => {
    await room()
    const sent = watchSends(chat)
    const names = Array.from({ length: 25 }, (_, i) => `新人${i + 1}`)
    const out = await chat.line(`:join ${names.join(' ')}`)
    expect(messages(out)).toHaveLength(3)
    expect(sent.map((s) => s.mentioned.length)).toEqual([10, 10, 5])
    expect(sent.flatMap((s) => s.mentioned)).toEqual(names)
    for (const name of names) expect(out.join('\n')).toMatch(new RegExp(`@${name}(?!\\d)`))
    expect(out.join('\n').match(/欢迎/g)?.length).toBe(3)
    expect(out.join('\n').match(/王老师/g)?.length).toBe(1)
  })

  it('uses the room welcome a leader set, with placeholders, and can go back to the default', async () => {
    await room()
    const saved = await chat.say('王老师: /破冰 欢迎语 欢迎{新人}来到{群名}～有事找{组长}，先看看群公告哦')
    expect(saved).toContain('欢迎 @新朋友 来到训练营1组～有事找王老师，先看看群公告哦')
    const sent = watchSends(chat)
    expect(await chat.say(':join 小明')).toBe(`${ROOM}欢迎 @小明 来到训练营1组～有事找王老师，先看看群公告哦`)
    expect(sent[0]?.mentioned).toEqual(['小明'])
    expect(await chat.say('王老师: /破冰 欢迎语')).toContain('自己的欢迎语')
    expect(await chat.say('王老师: /破冰 欢迎语 默认')).toContain('已恢复默认欢迎语')
    expect(await chat.say(':join 小红')).toContain('方便的时候做个自我介绍')
  })

  it('never treats the leader text as a template', async () => {
    await room()
    await chat.line('王老师: /破冰 欢迎语 {{ 7*7 }} {新人}')
    expect(await chat.say(':join 小明')).toBe(`${ROOM}{{ 7*7 }} @小明`)
  })

  it('stays quiet on joins when the welcome is switched off in the config', async () => {
    chat = await TestChat.start({ config: { plugins: { icebreaker: { welcome: false } } } })
    expect(await chat.line(':join 小明')).toEqual([])
  })

  it('only lets leaders change the welcome', async () => {
    await room('小明')
    expect(await chat.say('小明: /破冰 欢迎语 hi')).toContain('需要组长')
  })
})

describe('/破冰', () => {
  it('posts the leader intro, the template ready to copy and the gift offer', async () => {
    await room('小明')
    expect(await chat.say('王老师: /破冰 我的介绍 大家好，我是王老师，爱吃火锅，周末爬山～')).toContain(
      '记下了',
    )
    const out = await chat.line('王老师: /破冰')
    const text = out.join('\n')
    expect(text).toContain('大家好，我是王老师，爱吃火锅，周末爬山～')
    expect(text).toContain('@王老师')
    expect(text).toContain('领礼物')
    expect(text).toContain('小礼物')
    expect(out).toContain(`${ROOM}昵称：`)
    expect(out).toContain('  最喜欢吃的食物：')
    expect(out).toContain('  空闲时喜欢做什么：')
    expect(text).not.toContain('/破冰 我的介绍')
  })

  it('gently tells a leader without an intro how to add one', async () => {
    await room()
    const text = await chat.say('王老师: /破冰')
    expect(text).toContain('昵称：')
    expect(text).toContain('/破冰 我的介绍')
  })

  it('shows the leader their intro, and keeps intros per leader', async () => {
    await room('小红')
    await chat.line('王老师: /组长 添加 @小红 ')
    await chat.line('王老师: /破冰 我的介绍 我是王老师')
    expect(await chat.say('王老师: /破冰 我的介绍')).toContain('我是王老师')
    expect(await chat.say('小红: /破冰 我的介绍')).toContain('还没写')
    expect(await chat.say('小红: /破冰')).not.toContain('我是王老师')
  })

  it('names the gift from the config', async () => {
    chat = await TestChat.start({ config: { plugins: { icebreaker: { gift: '定制书签' } } } })
    await chat.line(':owner 王老师')
    expect(await chat.say('王老师: /破冰')).toContain('定制书签')
  })

  it('refuses members with one line naming the role', async () => {
    await room('小明')
    for (const command of ['/破冰', '/破冰 进度', '/破冰 提醒', '/破冰 模板 城市', '/破冰 我的介绍 hi']) {
      const out = await chat.line(`小明: ${command}`)
      expect(out).toHaveLength(1)
      expect(out[0]).toContain('需要组长')
    }
  })

  it('suggests the subcommand a typo was close to', async () => {
    await room()
    expect(await chat.say('王老师: /破冰 进读')).toContain('你是不是想用 /破冰 进度')
  })

  it('explains the subcommands when a word matches none of them', async () => {
    await room()
    const text = await chat.say('王老师: /破冰 开始吧')
    expect(text).toContain('没看懂')
    expect(text).toContain('/破冰 进度')
  })
})

describe('/破冰 模板', () => {
  it('shows the current fields, changes them, and the new ones decide what is complete', async () => {
    await room('小明', '小红')
    expect(await chat.say('王老师: /破冰 模板')).toContain('昵称、最喜欢吃的食物、空闲时喜欢做什么')
    expect(await chat.say('王老师: /破冰 模板 昵称 城市 职业')).toContain('昵称、城市、职业')
    expect(await chat.say('王老师: /破冰')).toContain('城市：')

    const old = await chat.say('小明: 昵称：小明 最喜欢吃的食物：火锅 空闲时喜欢做什么：看书')
    expect(old).toContain('还差「城市」「职业」')
    const done = await chat.say('小红: 昵称：小红，城市：杭州，职业：设计师')
    expect(done).toContain('谢谢你的介绍')
    expect(await chat.say('王老师: /破冰 进度')).toContain('1/2')

    expect(await chat.say('王老师: /破冰 模板 默认')).toContain('已恢复默认模板')
  })

  it('refuses more than eight fields or absurdly long ones, and changes nothing', async () => {
    await room()
    expect(await chat.say('王老师: /破冰 模板 一 二 三 四 五 六 七 八 九')).toContain('最多 8 项')
    expect(await chat.say('王老师: /破冰 模板 昵称 你最近一次去旅行是去了哪里玩得开心吗')).toContain('有点长')
    expect(await chat.say('王老师: /破冰 模板')).toContain('（默认）')
  })
})

describe('intros', () => {
  const cases: Array<[string, string, Record<string, string>]> = [
    [
      'simplified, one field a line',
      '昵称：小明\n最喜欢吃的食物：火锅\n空闲时喜欢做什么：看书',
      { 昵称: '小明', 最喜欢吃的食物: '火锅', 空闲时喜欢做什么: '看书' },
    ],
    [
      'traditional characters',
      '暱稱：小明\n最喜歡吃的食物：壽司\n空閒時喜歡做什麼：跑步',
      { 昵称: '小明', 最喜欢吃的食物: '壽司', 空闲时喜欢做什么: '跑步' },
    ],
    [
      'one line with full-width colons',
      '昵称：小明，最喜欢吃的食物：麻辣烫，空闲时喜欢做什么：打羽毛球',
      { 昵称: '小明', 最喜欢吃的食物: '麻辣烫', 空闲时喜欢做什么: '打羽毛球' },
    ],
    [
      'many lines with emoji and chatter',
      '大家好呀～刚进群，来交个作业😄\n🌟昵称：小明\n🍜爱吃：螺蛳粉\n🎮爱好：打游戏、看电影\n请多关照🙏',
      { 昵称: '小明', 最喜欢吃的食物: '螺蛳粉', 空闲时喜欢做什么: '打游戏、看电影' },
    ],
  ]

  for (const [name, text, fields] of cases) {
    it(`records and answers an intro: ${name}`, async () => {
      await room('小明')
      const sent = watchSends(chat)
      const out = await chat.line(`小明: ${text.replace(/\n/g, '\\n')}`)
      expect(messages(out)).toHaveLength(1)
      const reply = out.join('\n')
      expect(reply).toMatch(/^\[训练营1组\] 小助手: @小明 谢谢你的介绍/)
      // One detail picked up: the food or the hobby, as the member wrote it.
      const details = [fields.最喜欢吃的食物, fields.空闲时喜欢做什么].filter((v) => reply.includes(v ?? '∅'))
      expect(details).toHaveLength(1)
      expect(sent[0]?.mentioned).toEqual(['小明'])
      const keys = await keysOf(chat, '训练营1组', '小明')
      expect(profilesOf(chat).get(keys.room, keys.member)).toMatchObject({ name: '小明', fields })
    })
  }

  it('hints at the missing fields of a partial intro, then completes it from the rest', async () => {
    await room('小明')
    const hint = await chat.say('小明: 昵称：小明')
    expect(hint).toContain('@小明')
    expect(hint).toContain('「最喜欢吃的食物」「空闲时喜欢做什么」')
    expect(await chat.say('小明: 爱吃：饺子')).toContain('还差「空闲时喜欢做什么」')
    expect(await chat.say('小明: 爱好：爬山')).toContain('谢谢你的介绍')
    const keys = await keysOf(chat, '训练营1组', '小明')
    expect(profilesOf(chat).get(keys.room, keys.member)?.fields).toEqual({
      昵称: '小明',
      最喜欢吃的食物: '饺子',
      空闲时喜欢做什么: '爬山',
    })
  })

  it('updates the profile on a second intro and says so', async () => {
    await room('小明')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    const again = await chat.say('小明: 昵称：明明 爱吃：烧烤 爱好：游泳')
    expect(again).toContain('更新好啦')
    const keys = await keysOf(chat, '训练营1组', '小明')
    const api = profilesOf(chat)
    expect(api.get(keys.room, keys.member)?.fields.昵称).toBe('明明')
    expect(api.hobby(keys.room, keys.member)).toBe('游泳')
    expect(api.list(keys.room)).toHaveLength(1)
  })

  it('says nothing to plain chat, to chat about food, and to unknown commands', async () => {
    await room('小明')
    expect(await chat.line('小明: 今天天气不错')).toEqual([])
    expect(await chat.line('小明: 我最喜欢吃的食物是火锅，你们呢？')).toEqual([])
    expect(await chat.line('小明: /自我介绍 昵称：小明')).toEqual([])
  })

  it('does not take an intro sent in private: the bot only introduces itself there', async () => {
    await room('小明')
    const answer = await chat.say(':dm 小明: 昵称：小明 爱吃：火锅 爱好：看书')
    expect(answer).toContain('大部分功能要在群里用')
    expect(await chat.say('王老师: /破冰 进度')).toContain('0/1')
  })

  it('does not hint at a leader who pastes the empty template', async () => {
    await room()
    expect(await chat.line('王老师: 昵称：\\n最喜欢吃的食物：\\n空闲时喜欢做什么：')).toEqual([])
  })

  /** The line's answer opens as given, shows the template, nudges towards 王老师's gift and @s only the asker. */
  async function expectTemplateReply(line: string, opening: string): Promise<void> {
    const sent = watchSends(chat)
    const reply = await chat.say(line)
    expect(reply).toContain(opening)
    expect(reply).toContain('昵称：\n  最喜欢吃的食物：\n  空闲时喜欢做什么：')
    expect(reply).toContain('@王老师 说一声「领礼物」')
    expect(sent.map((s) => s.mentioned)).toEqual([[line.split(':')[0]]])
  }

  it('shows the template once to a member who introduces themself freely, then records the real intro', async () => {
    await room('阿强')
    await expectTemplateReply('阿强: 大家好，我是阿强，喜欢吃面', '@阿强 欢迎欢迎')
    expect(await chat.line('阿强: 我是阿强，面馆老板')).toEqual([])
    expect(await chat.say('阿强: 昵称：阿强 爱吃：面 爱好：钓鱼')).toContain('谢谢你的介绍')
  })

  it('leaves free-form intros alone from leaders, from the introduced, and from chat that only starts like one', async () => {
    await room('小明', '小红')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    expect(await chat.line('小明: 大家好，我是小明，刚换了头像')).toEqual([])
    expect(await chat.line('王老师: 大家好，我是王老师，本群组长')).toEqual([])
    expect(await chat.line('小红: 我是说明天再聊吧')).toEqual([])
  })

  it('answers a question about the template with the template, once in ten minutes per member', async () => {
    await room('小红')
    await expectTemplateReply('小红: 自我介绍模板在哪？', '@小红 在这儿')
    // Asked again: pointed to the copy above, once; no second copy, and no flood.
    expect(await chat.line('小红: 自我介绍怎么写啊')).toEqual([
      '[训练营1组] 小助手: @小红 模板就在上面几条消息里哦～往上翻一下，照着填好发到群里就行。',
    ])
    expect(await chat.line('小红: 自我介绍模板在哪呢')).toEqual([])
    await chat.line(':advance 11m')
    expect(await chat.say('小红: 自我介紹格式是什麼')).toContain('@小红 在这儿')
    expect(await chat.line('小红: 昨天的自我介绍环节挺好玩的')).toEqual([])
    expect(await chat.line('小红: 这个PPT模板在哪里下载？')).toEqual([])
  })

  it('does not post the template again to a member who asked for it and then says hello freely', async () => {
    await room('小红')
    await expectTemplateReply('小红: 自我介绍模板在哪？', '@小红 在这儿')
    expect(await chat.line('小红: 大家好我是小红，在上海做设计')).toEqual([])
    // Ten minutes on, a free-form hello gets the hint as anyone's would.
    await chat.line(':advance 11m')
    expect(await chat.say('小红: 大家好，我是小红，喜欢画画')).toContain('@小红 欢迎欢迎')
  })

  it('points a member who got the free-form hint and then asks for the template to the copy above', async () => {
    await room('阿强')
    await expectTemplateReply('阿强: 大家好，我是阿强，喜欢吃面', '@阿强 欢迎欢迎')
    expect(await chat.say('阿强: 自我介绍模板在哪？')).toContain('@阿强 模板就在上面')
  })

  it('remembers the hint across a restart', async () => {
    await room('阿强')
    await chat.line('阿强: 我叫阿强')
    const dataDir = chat.dataDir
    await chat.stop()
    chat = await TestChat.start({ dataDir })
    await chat.line(':owner 王老师')
    expect(await chat.line('阿强: 我叫阿强，再说一遍')).toEqual([])
  })
})

describe('/破冰 进度 and /破冰 提醒', () => {
  it('counts the members who introduced, lists who has not and the gifts, without leaders', async () => {
    await room('小明', '小红', '小刚')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    await chat.line('小明: @王老师 领礼物')
    const text = await chat.say('王老师: /破冰 进度')
    expect(text).toContain('1/3')
    expect(text).toMatch(/还没介绍（2）：小刚、小红/)
    expect(text).toContain('已领小礼物（1）：小明')
    expect(text).not.toContain('王老师')
  })

  it('drops a member who left, but keeps their profile', async () => {
    await room('小明', '小红')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    expect(await chat.say('王老师: /破冰 进度')).toContain('1/2')
    const keys = await keysOf(chat, '训练营1组', '小明')
    await chat.line(':leave 小红')
    expect(await chat.say('王老师: /破冰 进度')).toContain('1/1')
    await chat.line(':leave 小明')
    expect(await chat.say('王老师: /破冰 进度')).toContain('还没有别的成员')
    expect(profilesOf(chat).get(keys.room, keys.member)).toBeDefined()
  })

  it('@-mentions exactly the members who have not introduced', async () => {
    await room('小明', '小红', '小刚')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    const sent = watchSends(chat)
    const out = await chat.line('王老师: /破冰 提醒')
    expect(messages(out)).toHaveLength(1)
    expect(sent[0]?.mentioned.sort()).toEqual(['小刚', '小红'].sort())
    expect(out.join('\n')).toContain('@小刚')
    expect(out.join('\n')).not.toContain('@小明')
  })

  it('splits a long reminder by the mention cap', async () => {
    await room()
    const names = Array.from({ length: 12 }, (_, i) => `成员${i + 1}`)
    await chat.line(`:join ${names.join(' ')}`)
    const sent = watchSends(chat)
    const out = await chat.line('王老师: /破冰 提醒')
    expect(messages(out)).toHaveLength(2)
    expect(sent.map((s) => s.mentioned.length)).toEqual([10, 2])
  })

  it('cheers when everybody has introduced', async () => {
    await room('小明')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    const sent = watchSends(chat)
    expect(await chat.say('王老师: /破冰 提醒')).toContain('大家都做过自我介绍啦')
    expect(sent[0]?.mentioned).toEqual([])
  })
})

describe('gift claims', () => {
  it('asks a member who has not introduced to do that first', async () => {
    await room('小明')
    const text = await chat.say('小明: @王老师 我要领礼物')
    expect(text).toContain('@小明 先做个自我介绍')
    expect(text).toContain('空闲时喜欢做什么：')
    expect(await chat.say('王老师: /破冰 进度')).toContain('还没有人领小礼物')
  })

  it('records the gift once, confirms in the room and tells the leader privately', async () => {
    await room('小明')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    const sent = watchSends(chat)
    const out = await chat.line('小明: @王老师 领礼物～')
    expect(out[0]).toMatch(/^\[训练营1组\] 小助手: @小明 .*小礼物.*登记/)
    expect(out[0]).toContain('@王老师')
    expect(sent[0]?.mentioned).toEqual(['小明', '王老师'])
    const dm = out.filter((line, i) => i > 0 && !line.startsWith('  '))
    expect(dm).toHaveLength(1)
    expect(dm[0]).toMatch(/^\[私聊 王老师\] 小助手: 「训练营1组」的 小明 /)
    expect(out.join('\n')).toContain('最喜欢吃的食物：火锅')

    expect(await chat.say('小明: @王老师 礼物呢')).toContain('已经登记过啦')
    expect(await chat.say('王老师: /破冰 进度')).toContain('已领小礼物（1）：小明')
  })

  it('counts an intro and a claim written in one message as both', async () => {
    await room('小明')
    const text = await chat.say('小明: 昵称：小明 爱吃：火锅 爱好：看书 @王老师 领礼物')
    expect(text).toContain('登记好啦')
    expect(await chat.say('王老师: /破冰 进度')).toContain('1/1')
  })

  it('only claims messages that @ a leader and ask for the gift', async () => {
    await room('小明', '小红')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    expect(await chat.line('小明: 礼物什么时候发呀')).toEqual([])
    expect(await chat.line('小明: @小红 你领礼物了吗')).toEqual([])
    expect(await chat.line('小明: @王老师 早上好')).toEqual([])
    expect(await chat.say('王老师: /破冰 进度')).toContain('还没有人领小礼物')
  })

  it('works with a leader named by the owner', async () => {
    await room('小明', '李助教')
    await chat.line('王老师: /组长 添加 @李助教 ')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    const out = await chat.line('小明: @李助教 领取')
    expect(out.join('\n')).toContain('@李助教')
    expect(out.some((line) => line.startsWith('[私聊 李助教]'))).toBe(true)
  })
})

describe('rooms and restarts', () => {
  it('never mixes two rooms', async () => {
    await room('小明', '小红')
    await chat.line('小明: 昵称：小明 爱吃：火锅 爱好：看书')
    await chat.line(':room 读书会')
    await chat.line(':owner 李老师')
    await chat.line('小明: 大家好')
    await chat.line('小红: 大家好')
    expect(await chat.say('李老师: /破冰 进度')).toContain('0/2')
    expect(await chat.say('小明: @李老师 领礼物')).toContain('先做个自我介绍')
    await chat.line('李老师: /破冰 模板 昵称 城市')
    await chat.line(':room 训练营1组')
    expect(await chat.say('王老师: /破冰 模板')).toContain('（默认）')
    expect(await chat.say('王老师: /破冰 进度')).toContain('1/2')
  })

  it('keeps progress, gifts and room settings across a restart', async () => {
    await room('小明', '小红')
    await chat.line('王老师: /破冰 模板 昵称 爱好')
    await chat.line('小明: 昵称：小明 爱好：看书')
    await chat.line('小明: @王老师 领礼物')
    await chat.line('小红: 昵称：小红')
    const dataDir = chat.dataDir
    await chat.stop()

    chat = await TestChat.start({ dataDir })
    await chat.line(':owner 王老师')
    await chat.line('小明: 在吗')
    await chat.line('小红: 在吗')
    const progress = await chat.say('王老师: /破冰 进度')
    expect(progress).toContain('1/2')
    expect(progress).toContain('已领小礼物（1）：小明')
    expect(await chat.say('小明: @王老师 领礼物')).toContain('已经登记过啦')
    expect(await chat.say('小红: 爱好：跑步')).toContain('谢谢你的介绍')
  })
})
