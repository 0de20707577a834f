import { join } from 'node:path'
import { Converter } from 'opencc-js'
import { pinyin } from 'pinyin-pro'
import { afterEach, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
import { loadPacks } from '../../../src/packs/load.js'
import { projectRoot, TestChat, tempDir } from '../../../test/support/harness.js'
import { IdiomDictionary } from '../idiom-chain.js'
import { idiomEntry, pictureEntry, riddleEntry } from '../packs.js'

const packs = join(projectRoot, 'data', 'packs')
const riddles = loadPacks(packs, 'riddles', riddleEntry).entries
const pictures = loadPacks(packs, 'pictures', pictureEntry).entries
const idioms = new IdiomDictionary(loadPacks(packs, 'idioms', idiomEntry).entries.map((i) => i.word))

const toTraditional = Converter({ from: 'cn', to: 'tw' })

// Common characters to draw a same-sound stand-in from.
const COMMON = [
  ...'的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切底米',
]
const soundOfChar = (c: string) => pinyin(c, { toneType: 'none', v: true })

/** The answer with its first character swapped for another of the same toneless pinyin (书 → 输). */
function sameSound(answer: string): string | undefined {
  const chars = [...answer]
  for (const [i, c] of chars.entries()) {
    const stand = COMMON.find((d) => d !== c && soundOfChar(d) === soundOfChar(c))
    if (stand) return [...chars.slice(0, i), stand, ...chars.slice(i + 1)].join('')
  }
  return undefined
}

/** The riddle the bot just asked, found by its question in the bot's words. */
function askedIn(out: string) {
  const found = riddles.find((r) => out.includes(r.question))
  if (!found) throw new Error(`no riddle asked in: ${out}`)
  return found
}

/** The idiom the chain waits on: 「刻舟求剑」——请接… */
function chainIn(out: string): string {
  const m = /「(\p{Script=Han}{4})」——请接/u.exec(out)
  if (!m?.[1]) throw new Error(`no chain question in: ${out}`)
  return m[1]
}

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

async function room(dataDir?: string): Promise<TestChat> {
  chat = await TestChat.start({ dataDir, startAt: new Date('2026-12-03T02:00:00Z') }) // Thursday 10:00
  await chat.line(':owner 王老师')
  return chat
}

describe('猜谜', () => {
  it('plays a whole round: wrong answers unanswered, the first right one scores, hints cost, time runs out, a ranking ends it', async () => {
    const chat = await room()
    let out = await chat.say('小明: /猜谜 3')
    expect(out).toContain('猜谜开始啦！共 3 题')
    let riddle = askedIn(out)
    expect(await chat.line('小红: 这也太难了吧')).toEqual([])
    out = await chat.say(`小红: ${riddle.answer}`)
    expect(out).toContain(`🎉 小红 答对了！答案就是「${riddle.answer}」，+10 分`)
    expect(out).toContain('第 2/3 题')

    riddle = askedIn(out)
    const hint = await chat.say('小明: /提示')
    expect(hint).toContain('现在答对得')
    out = await chat.say(`小明: ${riddle.answer}`)
    expect(out).toMatch(riddle.hint ? /\+7 分/ : /\+10 分/)

    riddle = askedIn(out)
    out = await chat.say(':advance 1m')
    expect(out).toContain(`⏰ 时间到，答案是「${riddle.answer}」`)
    expect(out).toContain('猜谜结束！本轮排名')
    expect(out).toMatch(/🥇 (小红 10|小明 \d+) 分/)
    expect(await chat.line(':advance 1h')).toEqual([])

    const mine = await chat.say('小红: /积分')
    expect(mine).toContain('一共 10 分')
    expect(mine).toContain('猜谜答对 +10')
  })

  it('takes an answer typed in traditional characters', async () => {
    const chat = await room()
    const riddle = askedIn(await chat.say('小明: /猜谜 1'))
    expect(await chat.say(`小红: ${toTraditional(riddle.answer)}！`)).toContain(
      `🎉 小红 答对了！答案就是「${riddle.answer}」`,
    )
  })

  it('takes a same-sound answer only once a leader switches 同音 on', async () => {
    const chat = await room()
    await chat.line('王老师: /游戏 设置 每日 50')
    /** Plays one-question rounds until one whose answer has a same-sound stand-in, and answers it so. */
    const guessBySound = async (): Promise<string> => {
      for (let tries = 0; tries < 20; tries++) {
        const riddle = askedIn(await chat.say('小明: /猜谜 1'))
        const sound = sameSound(riddle.answer)
        if (sound && !riddle.aliases.includes(sound)) return chat.say(`小红: ${sound}`)
        await chat.line('王老师: /结束')
      }
      throw new Error('no riddle with a same-sound answer in 20 rounds')
    }
    expect(await guessBySound()).toBe('')
    await chat.line('王老师: /结束')
    await chat.line('王老师: /游戏 设置 同音 开')
    expect(await guessBySound()).toContain('🎉 小红 答对了')
  })

  it('takes answers in full-width characters and wrapped in punctuation', async () => {
    const chat = await room()
    const riddle = askedIn(await chat.say('小明: /猜谜 1'))
    const dressed = `「${riddle.answer.replace(/./gu, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) >= 0x21 && (c.codePointAt(0) ?? 0) <= 0x7e ? (c.codePointAt(0) ?? 0) + 0xfee0 : (c.codePointAt(0) ?? 0)))}」！！`
    expect(await chat.say(`小红: ${dressed}`)).toContain('🎉 小红 答对了')
  })

  it('scores a right answer the IM delivers twice once, and moves on once', async () => {
    const chat = await room()
    const riddle = askedIn(await chat.say('小明: /猜谜 3'))
    const { world } = chat.sandbox
    const deliver = (fresh: boolean) => {
      world.markInjected('answer-1')
      return chat.sandbox.inject('answer-1', () => {
        if (fresh) {
          world.mocker.MessageMock.create({
            id: 'answer-1',
            type: types.Message.Text,
            text: riddle.answer,
            talkerId: world.contact('小红').id,
            roomId: chat.sandbox.currentRoomId,
            mentionIdList: [],
            timestamp: chat.sandbox.clock.now().getTime(),
          } as never)
        }
        world.puppet.emit('message', { messageId: 'answer-1' })
      })
    }
    expect((await deliver(true)).join('\n')).toContain('🎉 小红 答对了')
    expect(await deliver(false)).toEqual([])
    expect(await chat.say('小红: /积分')).toContain('一共 10 分')
  })

  it('gives the point to the first of two right answers, and the second one meets the next question', async () => {
    const chat = await room()
    const riddle = askedIn(await chat.say('小明: /猜谜 2'))
    const first = await chat.say(`小红: ${riddle.answer}`)
    expect(first).toContain('🎉 小红')
    const second = askedIn(first)
    expect(await chat.say(`小明: ${riddle.answer}`)).not.toContain('🎉')
    await chat.say(`小明: ${second.answer}`)
    expect(await chat.say('小红: /积分')).toContain('一共 10 分')
  })

  it('keeps rooms apart: a round in one room does not take answers in another', async () => {
    const chat = await room()
    const riddle = askedIn(await chat.say('小明: /猜谜 1'))
    await chat.line(':room 读书会')
    expect(await chat.line(`小红: ${riddle.answer}`)).toEqual([])
    expect(await chat.say('小红: /猜谜 1')).toContain('猜谜开始啦')
  })

  it('holds a room to its daily limit, says when the next round is allowed, and starts again the next day', async () => {
    const chat = await room()
    await chat.line('王老师: /游戏 设置 每日 1')
    await chat.say('小明: /猜谜 1')
    await chat.line('王老师: /结束')
    const refused = await chat.say('小明: /猜谜 1')
    expect(refused).toContain('今天已经玩了 1 轮')
    expect(refused).toContain('明天 00:00 之后')
    await chat.line(':advance 1d')
    expect(await chat.say('小明: /猜谜 1')).toContain('猜谜开始啦')
  })

  it('answers bad input with a clear word and changes nothing', async () => {
    const chat = await room()
    expect(await chat.say('小明: /猜谜 abc')).toContain('题数要写 1 到 20 之间的数字')
    expect(await chat.say('小明: /提示')).toContain('现在没有进行中的游戏')
    const capped = await chat.say('小明: /猜谜 1000')
    expect(capped).toContain('一轮最多 20 题')
    expect(await chat.say('小明: /结束')).toContain('组长')
    expect(await chat.line('小红: 😂😂😂')).toEqual([])
    expect(await chat.say('王老师: /游戏 设置 时限 5')).toContain('10 到 600')
  })
})

describe('看图猜成语', () => {
  it('sends the picture, a clearer picture as the first hint, words as the second, and scores the idiom', async () => {
    const chat = await room()
    let out = await chat.say('小明: /看图 1')
    expect(out).toContain('看图猜成语开始啦')
    expect(out).toMatch(/\[图片\] picture-\d\d\.png/)
    const puzzle = pictures.find((p) => out.includes(`[图片] ${p.image.slice('images/'.length)}`))
    if (!puzzle) throw new Error(`no picture sent in: ${out}`)
    out = await chat.say('小红: /提示')
    expect(out).toMatch(/\[图片\] picture-\d\d-hint\.png/)
    const words = puzzle.hints.find((h) => 'text' in h)
    if (words && 'text' in words) expect(await chat.say('小红: /提示')).toContain(words.text)
    expect(await chat.say(`小红: ${puzzle.answer}`)).toContain(`🎉 小红 答对了！答案就是「${puzzle.answer}」`)
  })
})

describe('成语接龙', () => {
  it('takes an idiom that continues the chain, and refuses a repeat and a non-idiom without a word', async () => {
    const chat = await room()
    let out = await chat.say('小明: /接龙 5')
    let current = chainIn(out)
    expect(await chat.line('小红: 随便说说')).toEqual([])
    const next = idioms.continuations(current, { samePinyin: false, used: [] })[0] as string
    out = await chat.say(`小红: ${next}`)
    expect(out).toContain(`「${next}」接得漂亮`)
    expect(chainIn(out)).toBe(next)
    current = next
    expect(await chat.line(`小明: ${next}`)).toEqual([])
    expect(await chat.line(`小明: ${[...current].at(-1)}${'来来去'}`)).toEqual([])
  })
})

describe('the points', () => {
  it('ranks this week from Monday in the community’s zone, the all-time board keeps everything', async () => {
    const chat = await room()
    const riddle = askedIn(await chat.say('小明: /猜谜 1'))
    await chat.line(`小红: ${riddle.answer}`)
    let board = await chat.say('小明: /排行榜')
    expect(board).toContain('1. 小红 10 分')
    expect(board).toMatch(/本周（11-30 起）\n\s+1\. 小红 10 分/)
    await chat.line(':advance 5d') // Tuesday of the next week
    board = await chat.say('小明: /排行榜')
    expect(board).toContain('🏆 总榜\n  1. 小红 10 分')
    expect(board).toContain('本周还没有人得分')
  })
})

describe('a restart in the middle of a round', () => {
  it('resumes with the deadline re-armed, or reveals once what came due while the bot was down', async () => {
    const dataDir = tempDir()
    let chat = await room(dataDir)
    const riddle = askedIn(await chat.say('小明: /猜谜 2'))
    await chat.stop()

    // Back within the time limit: the round goes on, the answer still scores.
    chat = await TestChat.start({ dataDir, startAt: new Date('2026-12-03T02:00:30Z') })
    expect(chat.sandbox.startupOutput).toEqual([])
    const out = await chat.say(`小红: ${riddle.answer}`)
    expect(out).toContain('🎉 小红')
    const second = askedIn(out)
    await chat.stop()

    // Back after the deadline: the answer is revealed once, and the round ends (it was the last question).
    chat = await TestChat.start({ dataDir, startAt: new Date('2026-12-03T03:00:00Z') })
    const shown = chat.sandbox.startupOutput.join('\n')
    expect(shown).toContain(`⏰ 时间到，答案是「${second.answer}」`)
    expect(shown).toContain('猜谜结束')
    await chat.stop()
    chat = await TestChat.start({ dataDir, startAt: new Date('2026-12-03T04:00:00Z') })
    expect(chat.sandbox.startupOutput).toEqual([])
    await chat.stop()
  })
})
