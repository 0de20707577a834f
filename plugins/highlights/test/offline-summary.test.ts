import { describe, expect, it } from 'vitest'
import { chatSentences, hasContent, isChitChat, splitSentences } from '../chat-sentences.js'
import { type Summary, summarySchema, type Turn } from '../highlight.js'
import { DEFAULT_MAX_CHARS, EMPTY_TITLE, summariseOffline } from '../offline-summary.js'
import { isQuestion } from '../open-questions.js'
import { answeredQuestions, reviewPlanChat, unansweredQuestions } from './review-plan-chat.js'

const length = (text: string) => Array.from(text).length
const pointsLength = (summary: Summary) => summary.points.reduce((sum, point) => sum + length(point), 0)

/** Index of the first message containing the text, or -1. */
function turnOf(turns: readonly Turn[], text: string): number {
  return turns.findIndex((turn) => turn.text.includes(text))
}

describe('summariseOffline on a study group planning its revision', () => {
  const summary = summariseOffline(reviewPlanChat, {})

  it('returns a valid summary', () => {
    expect(() => summarySchema.parse(summary)).not.toThrow()
  })

  it('takes every point from the chat, in chat order, within the default budget', () => {
    expect(summary.points.length).toBeGreaterThan(2)
    const positions = summary.points.map((point) => turnOf(reviewPlanChat, point))
    expect(positions).not.toContain(-1)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(pointsLength(summary)).toBeLessThanOrEqual(DEFAULT_MAX_CHARS)
    for (const point of summary.points) expect(point.length).toBeLessThanOrEqual(200)
  })

  it('picks the plan, not the noise', () => {
    const all = summary.points.join('\n')
    expect(all).toMatch(/线代|高数|图书馆|错题/)
    for (const noise of ['哈哈哈哈', '+1', '收到', '[图片]', '👍👍👍', '冲']) {
      expect(summary.points).not.toContain(noise)
    }
  })

  it('quotes words exactly as their speaker wrote them, from different speakers', () => {
    expect(summary.quotes.length).toBeGreaterThanOrEqual(3)
    for (const quote of summary.quotes) {
      const own = reviewPlanChat.filter((turn) => turn.speaker === quote.speaker)
      expect(own.some((turn) => turn.text.includes(quote.text))).toBe(true)
    }
    const speakers = summary.quotes.map((quote) => quote.speaker)
    expect(new Set(speakers).size).toBe(speakers.length)
  })

  it('lists the questions nobody answered, and not those that were', () => {
    for (const question of unansweredQuestions) expect(summary.questions).toContain(question)
    for (const question of answeredQuestions) {
      expect(summary.questions.some((listed) => listed.includes(question))).toBe(false)
    }
    expect(summary.questions.length).toBeLessThanOrEqual(3)
  })

  it('orders contributors by number of messages, first speaker first on a tie', () => {
    const counts = new Map<string, number>()
    for (const turn of reviewPlanChat) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1)
    expect(new Set(summary.contributors)).toEqual(new Set(counts.keys()))
    const inOrder = summary.contributors.map((name) => counts.get(name)!)
    expect([...inOrder].sort((a, b) => b - a)).toEqual(inOrder)
    // 陈静 wrote the most (images and tears included)
    expect(summary.contributors[0]).toBe('陈静')
  })

  it('makes a short title from the keywords', () => {
    expect(length(summary.title)).toBeLessThanOrEqual(20)
    expect(summary.title).toContain('复习')
  })

  it('uses the given title', () => {
    expect(summariseOffline(reviewPlanChat, { title: '期末复习计划' }).title).toBe('期末复习计划')
  })

  it('respects smaller budgets, keeping at least one point', () => {
    for (const maxChars of [20, 60, 120, 200]) {
      const small = summariseOffline(reviewPlanChat, { maxChars })
      expect(pointsLength(small)).toBeLessThanOrEqual(maxChars)
      expect(small.points.length).toBeGreaterThan(0)
      expect(() => summarySchema.parse(small)).not.toThrow()
    }
  })

  it('cuts the best sentence when the budget is smaller than any sentence', () => {
    const tiny = summariseOffline(reviewPlanChat, { maxChars: 5 })
    expect(tiny.points).toHaveLength(1)
    expect(length(tiny.points[0]!)).toBeLessThanOrEqual(5)
    expect(turnOf(reviewPlanChat, tiny.points[0]!)).toBeGreaterThanOrEqual(0)
  })

  it('gives the same summary for the same chat', () => {
    expect(summariseOffline(reviewPlanChat, {})).toEqual(summary)
  })
})

describe('summariseOffline on awkward input', () => {
  it('never makes a point of someone’s phone number or WeChat id', () => {
    const summary = summariseOffline([
      { speaker: '小明', text: '我推荐《活着》，余华写得很克制。我的手机是13812345678，有问题找我' },
      { speaker: '小红', text: '我想读《三体》，科幻入门最合适。加我微信号 xiaohong_2024 一起讨论' },
      { speaker: '阿杰', text: '《人类简史》讲认知革命那段特别有意思。' },
    ])
    expect(JSON.stringify(summary)).not.toMatch(/138|xiaohong|手机|微信/u)
    expect(summary.points.join('')).toContain('三体')
  })

  it('does not title a discussion after the parts of a link', () => {
    const summary = summariseOffline([
      { speaker: '小红', text: '今天的读书笔记在这里 https://example.com/notes/checkin?id=3 大家看看' },
      { speaker: '小明', text: '读书笔记写得真好，我也想学着写读书笔记www.example.org' },
    ])
    expect(summary.title).not.toMatch(/example|com|notes|checkin|org/u)
    expect(summary.title).toContain('读书笔记')
  })

  const valid = (turns: Turn[], options = {}) => {
    const summary = summariseOffline(turns, options)
    expect(() => summarySchema.parse(summary)).not.toThrow()
    return summary
  }

  it('returns an empty summary for an empty discussion', () => {
    expect(valid([])).toEqual({ title: EMPTY_TITLE, points: [], quotes: [], questions: [], contributors: [] })
    expect(valid([], { title: '今日精华' }).title).toBe('今日精华')
  })

  it('has nothing to summarise in images, stickers, emoji and chit-chat, but still credits the members', () => {
    const summary = valid([
      { speaker: '甲', text: '' },
      { speaker: '乙', text: '😂😂😂' },
      { speaker: '甲', text: '[图片]' },
      { speaker: '丙', text: '哈哈哈哈哈' },
      { speaker: '乙', text: '+1' },
      { speaker: '丙', text: '收到！！' },
      { speaker: '乙', text: '👍🏻' },
    ])
    expect(summary.points).toEqual([])
    expect(summary.quotes).toEqual([])
    expect(summary.title).toBe(EMPTY_TITLE)
    expect(summary.contributors).toEqual(['乙', '甲', '丙'])
  })

  it('handles a 100 KB message without punctuation', () => {
    const huge = '早起打卡坚持复习'.repeat(12_800)
    const summary = valid([
      { speaker: '甲', text: huge },
      { speaker: '乙', text: '这也太长了吧，谁能总结一下？' },
    ])
    expect(pointsLength(summary)).toBeLessThanOrEqual(DEFAULT_MAX_CHARS)
    for (const point of summary.points) expect(huge.includes(point) || point.includes('太长')).toBe(true)
  })

  it('handles traditional characters and full-width punctuation', () => {
    const turns: Turn[] = [
      { speaker: '阿文', text: '大家覺得期末複習應該從哪一科開始？' },
      { speaker: '小敏', text: '我覺得先複習線性代數，因為它最早考試！' },
      { speaker: '阿文', text: 'ＯＫ，那就先從線性代數開始；每天晚上兩小時。' },
      { speaker: '小敏', text: '圖書館晚上十點關門，記得早點去佔位子。' },
    ]
    const summary = valid(turns)
    expect(summary.points.length).toBeGreaterThan(0)
    for (const point of summary.points) expect(turnOf(turns, point)).toBeGreaterThanOrEqual(0)
    for (const quote of summary.quotes) {
      expect(turns.some((turn) => turn.speaker === quote.speaker && turn.text.includes(quote.text))).toBe(
        true,
      )
    }
  })

  it('keeps names and titles within the schema', () => {
    const longName = '名'.repeat(60)
    const summary = valid(
      [
        { speaker: longName, text: '这个名字实在是太长了，列表里放不下。' },
        { speaker: '', text: '没有名字的人也说了一句很长的话，内容是关于复习计划的。' },
        { speaker: '乙', text: '复习计划我们明天再讨论吧。' },
      ],
      { title: '标题'.repeat(50) },
    )
    expect(summary.contributors).toEqual(['名'.repeat(40), '乙'])
    expect(summary.title.length).toBeLessThanOrEqual(60)
    expect(summary.quotes.every((quote) => quote.speaker.length > 0)).toBe(true)
  })

  it('treats a blank title and a nonsense budget as absent', () => {
    const summary = valid(reviewPlanChat, { title: '   ', maxChars: Number.NaN })
    expect(summary.title).not.toBe('')
    expect(pointsLength(summary)).toBeLessThanOrEqual(DEFAULT_MAX_CHARS)
  })

  it('summarises a single short message', () => {
    const summary = valid([{ speaker: '甲', text: '明天早上七点操场集合跑步' }])
    expect(summary.points).toEqual(['明天早上七点操场集合跑步'])
    expect(summary.contributors).toEqual(['甲'])
  })
})

describe('chat sentences', () => {
  it('splits on Chinese and Western sentence ends and line breaks, keeping the marks', () => {
    expect(splitSentences('今天复习线代。明天呢？后天考试！OK; 好……\n那就这样')).toEqual([
      '今天复习线代。',
      '明天呢？',
      '后天考试！',
      'OK;',
      '好……',
      '那就这样',
    ])
    expect(splitSentences('第一点：早睡；第二点：早起')).toEqual(['第一点：早睡；', '第二点：早起'])
    expect(splitSentences('价格是3.5元. 不贵')).toEqual(['价格是3.5元. 不贵'])
  })

  it('cuts run-on sentences into substrings of at most 200 characters', () => {
    const text = `${'我们讨论了很多内容，'.repeat(40)}最后决定早起`
    const pieces = splitSentences(text)
    expect(pieces.length).toBeGreaterThan(1)
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(200)
      expect(text).toContain(piece)
    }
    // an emoji is never cut in half
    const emoji = '😀'.repeat(150)
    for (const piece of splitSentences(emoji)) expect(piece).toMatch(/^(?:😀)+$/u)
  })

  it('knows chit-chat and contentless messages', () => {
    for (const text of [
      '嗯',
      '嗯嗯嗯',
      '哈哈哈哈',
      'hhhh',
      '+1',
      '收到',
      '收到！',
      '好的好的',
      'OK',
      '666',
      '[捂脸]',
    ]) {
      expect(isChitChat(text)).toBe(true)
    }
    for (const text of ['收到，我明天去图书馆占座', '早起太难了', '线代几号考？']) {
      expect(isChitChat(text)).toBe(false)
    }
    expect(hasContent('😂👍🏻')).toBe(false)
    expect(hasContent('[图片]')).toBe(false)
    expect(hasContent('')).toBe(false)
    expect(hasContent('第3章')).toBe(true)
  })

  it('drops noise and keeps where each sentence came from', () => {
    const sentences = chatSentences([
      { speaker: '甲', text: '[图片]' },
      { speaker: '乙', text: '哈哈哈。我觉得可以！明天见' },
    ])
    expect(sentences.map((s) => [s.speaker, s.turn, s.text])).toEqual([
      ['乙', 1, '我觉得可以！'],
      ['乙', 1, '明天见'],
    ])
  })
})

describe('questions', () => {
  it('recognises questions by their mark or particle', () => {
    for (const text of [
      '线代几号考？',
      '今天还去图书馆吗',
      '你们复习到哪一章了呢',
      'Are we meeting today?',
    ]) {
      expect(isQuestion(text)).toBe(true)
    }
    for (const text of ['对吧？', '是不是？', '好吗', '我还在看书呢', '今天复习线代。']) {
      expect(isQuestion(text)).toBe(false)
    }
  })
})
