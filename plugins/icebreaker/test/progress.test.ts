import { describe, expect, it } from 'vitest'
import { computeProgress, type RoomMember } from '../progress.js'

const m = (key: string, name: string): RoomMember => ({ key, name })

describe('computeProgress', () => {
  const members = [
    m('w', '王五'),
    m('bot', '小助手'),
    m('z', '张三'),
    m('l', '李四'),
    m('boss', '群主'),
    m('a', '阿明'),
  ]
  const exclude = new Set(['bot', 'boss'])

  it('splits current members into introduced and pending, sorted by name', () => {
    const progress = computeProgress(members, new Set(['z', 'a']), new Set(['z']), exclude)
    expect(progress.total).toBe(4)
    expect(progress.introduced).toEqual([m('a', '阿明'), m('z', '张三')])
    expect(progress.pending).toEqual([m('l', '李四'), m('w', '王五')])
    expect(progress.giftsClaimed).toEqual([m('z', '张三')])
  })

  it('ignores keys of people who left and of excluded members', () => {
    const progress = computeProgress(
      members,
      new Set(['gone', 'bot', 'l']),
      new Set(['gone', 'boss']),
      exclude,
    )
    expect(progress.introduced).toEqual([m('l', '李四')])
    expect(progress.giftsClaimed).toEqual([])
    expect(progress.total).toBe(4)
  })

  it('counts a duplicated roster entry once and breaks name ties by key', () => {
    const roster = [m('b', '小明'), m('a', '小明'), m('b', '小明')]
    const progress = computeProgress(roster, new Set(), new Set(), new Set())
    expect(progress.total).toBe(2)
    expect(progress.pending.map((member) => member.key)).toEqual(['a', 'b'])
  })

  it('handles an empty room and does not reorder its input', () => {
    expect(computeProgress([], new Set(['x']), new Set(), new Set())).toEqual({
      total: 0,
      introduced: [],
      pending: [],
      giftsClaimed: [],
    })
    const before = members.map((member) => member.key)
    computeProgress(members, new Set(), new Set(), exclude)
    expect(members.map((member) => member.key)).toEqual(before)
  })
})
