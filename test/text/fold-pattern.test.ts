import { describe, expect, it } from 'vitest'
import { foldingPattern } from '../../src/text/fold-pattern.js'
import { toHalfWidth } from '../../src/text/normalize.js'
import { toSimplifiedByCharacter } from '../../src/text/simplify.js'

const matches = (word: string, text: string) => new RegExp(foldingPattern(word)).test(text)

describe('folding patterns', () => {
  it('match the traditional and variant spellings of a word', () => {
    expect(matches('昵称', '暱稱：小紅')).toBe(true)
    expect(matches('空闲', '空閒時喜歡做什麼')).toBe(true)
    expect(matches('喜欢', '最喜歡吃的食物')).toBe(true)
    expect(matches('爱好', '愛好：爬山')).toBe(true)
  })

  it('match ASCII in any case and width', () => {
    expect(matches('qq', 'ＱＱ：123')).toBe(true)
    expect(matches('qq', 'Qq号')).toBe(true)
    expect(matches('qq', 'q q')).toBe(false)
  })

  it('agree with folding the text first, for every label stem and a spread of texts', () => {
    const stems = [
      '昵称',
      '名字',
      '称呼',
      '最喜',
      '喜欢',
      '爱吃',
      '食物',
      '空闲',
      '闲暇',
      '兴趣',
      '爱好',
      '平时',
      '我叫',
      'qq',
    ]
    const texts = [
      '暱稱：阿杰',
      '名字:小明',
      '稱呼 老王',
      '最喜歡',
      '愛吃火鍋',
      '食物',
      '空閑時',
      '閒暇',
      '興趣',
      '平時',
      '我叫',
      'ＱＱ',
      '今天天气不错',
      '这个问题我也不太懂',
      '哈哈哈😂',
    ]
    for (const stem of stems) {
      for (const text of texts) {
        expect(matches(stem, text), `${stem} in ${text}`).toBe(
          toSimplifiedByCharacter(toHalfWidth(text)).includes(stem),
        )
      }
    }
  })
})
