import { describe, expect, it } from 'vitest'
import { asksForTemplate } from '../template-question.js'

describe('asksForTemplate', () => {
  it.each([
    '自我介绍模板在哪？',
    '自我介绍怎么写',
    '自我介绍格式是什么',
    '求个自我介绍模板',
    '介绍模板再发一下',
    '破冰模板在哪里',
    '自我介紹範本在哪？',
    '自我介紹格式是什麼',
    '自我介绍要写什么呢',
    '自我介绍模板？',
  ])('reads %s as a question about the template', (text) => {
    expect(asksForTemplate(text)).toBe(true)
  })

  it.each([
    '自我介绍：昵称小明，爱吃火锅',
    '昨天的自我介绍环节挺好玩的',
    '这个PPT模板在哪里下载？',
    '格式刷怎么用',
    '今天天气不错',
    '',
    '🎉',
    `自我介绍模板在哪？${'顺便说一下'.repeat(10)}`,
  ])('leaves %s alone', (text) => {
    expect(asksForTemplate(text)).toBe(false)
  })
})
