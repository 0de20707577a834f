import { describe, expect, it } from 'vitest'
import { splitAtMentions } from '../../src/runtime/wechaty-transport.js'

describe('binding @Name in a text to mentioned contacts', () => {
  it('cuts the text at each mention in textual order', () => {
    const { strings, order } = splitAtMentions('欢迎 @小红 和 @小明 入群', [
      { name: '小明' },
      { name: '小红' },
    ])
    expect(strings).toEqual(['欢迎 ', ' 和 ', ' 入群'])
    expect(order).toEqual([1, 0])
  })

  it('does not find a short name inside a longer one', () => {
    const { strings, order } = splitAtMentions('@小明同学 @小明 早', [{ name: '小明' }, { name: '小明同学' }])
    expect(strings).toEqual(['', ' ', ' 早'])
    expect(order).toEqual([1, 0])
  })

  it('leaves out members whose name is not in the text', () => {
    const { strings, order } = splitAtMentions('大家好', [{ name: '小明' }])
    expect(strings).toEqual(['大家好'])
    expect(order).toEqual([])
  })
})
