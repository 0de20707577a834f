import { describe, expect, it } from 'vitest'
import { looksLikeFreeIntro } from '../free-intro.js'

describe('looksLikeFreeIntro', () => {
  it.each([
    '大家好，我是阿强，喜欢吃面',
    '我是阿强',
    '大家晚上好！我叫小美，在杭州做设计',
    '各位小伙伴们好～本人李华，做产品的',
    '新人报到，我的名字是王芳',
    '給大家做個自我介紹：來自台北，愛爬山',
    '自我介绍一下：我是阿强，喜欢钓鱼',
    '简单自我介绍，来自成都，做设计',
    '大家好，我是阿強',
    'ｈｉ，我叫Tom',
    'Hello 我是 Tom',
  ])('reads %s as an intro', (text) => {
    expect(looksLikeFreeIntro(text)).toBe(true)
  })

  it.each([
    '我是说明天再看吧',
    '我是不是来晚了',
    '我叫外卖了，谁要一起',
    '我觉得这本书不错',
    '昨天的自我介绍环节挺好玩的',
    '自我介绍模板在哪？',
    '自我介绍怎么写',
    '我是谁？',
    '大家好',
    '今天我是最后一个到的',
    '',
    '我是',
    '🎉🎉🎉',
  ])('leaves %s alone', (text) => {
    expect(looksLikeFreeIntro(text)).toBe(false)
  })
})
