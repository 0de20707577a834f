import { describe, expect, it } from 'vitest'
import { textWords } from '../segmenter.js'
import { withoutFillers } from '../spoken-fillers.js'

describe('textWords', () => {
  it('cuts a text into words that join back to it exactly', () => {
    for (const text of [
      '其实我我的感觉是硅谷的创业环境，还有它的就业条件。',
      '市场服务 30 年了',
      '大家覺得期末複習？',
      '',
    ]) {
      expect(textWords(text).join('')).toBe(text)
    }
    expect(textWords('然後我們去圖書館')).toContain('然後')
  })
})

describe('withoutFillers', () => {
  it('removes hesitations and stutters', () => {
    expect(withoutFillers('其实我我的感觉是硅谷的创业环境更好。')).toBe('我的感觉是硅谷的创业环境更好。')
    expect(withoutFillers('嗯，我们明天呃早上七点集合。')).toBe('我们明天早上七点集合。')
    expect(withoutFillers('在在硬件钱包里边')).toBe('在硬件钱包里边')
  })

  it('removes openers at the start of a clause, not inside one', () => {
    expect(withoutFillers('然后我们先复习线代，就是说每天两个小时。')).toBe('我们先复习线代，每天两个小时。')
    expect(withoutFillers('最好的办法就是每天早起。')).toBe('最好的办法就是每天早起。')
    // Too little follows for 就是 to be a filler: it is the answer.
    expect(withoutFillers('嗯，就是这样。')).toBe('就是这样。')
  })

  it('removes 这个/那个 used as filler, and keeps them where they point at something', () => {
    expect(withoutFillers('大家说的这个趋势很明显。')).toBe('大家说的趋势很明显。')
    expect(withoutFillers('那个，我觉得那个方案不错。')).toBe('我觉得那个方案不错。')
    expect(withoutFillers('这个问题很重要。')).toBe('这个问题很重要。')
  })

  it('removes tags inside a sentence, not the one that makes it a question', () => {
    expect(withoutFillers('有希望的对吧，能够合作。')).toBe('有希望的，能够合作。')
    expect(withoutFillers('这个问题很重要对不对？')).toBe('这个问题很重要对不对？')
  })

  it('keeps words that only look like fillers', () => {
    expect(withoutFillers('我现在在北京，金额是多少？')).toBe('我现在在北京，金额是多少？')
    expect(withoutFillers('我们看看非常非常好的例子。')).toBe('我们看看非常非常好的例子。')
    expect(withoutFillers('然後我們去圖書館複習線代。')).toBe('我們去圖書館複習線代。')
  })

  it('returns a sentence made only of fillers as it was', () => {
    expect(withoutFillers('嗯嗯，啊。')).toBe('嗯嗯，啊。')
    expect(withoutFillers('')).toBe('')
  })
})
