import { describe, expect, it } from 'vitest'
import { rollupParts } from '../roll-up.js'
import { sendPlan } from '../send-plan.js'

const configured = { instantReplies: 3, rollupMinutes: 10 }
/** The plan for `rooms` rooms of `members` each, under the default cap and share, ten mentions a message. */
const planFor = (
  rooms: number,
  members: number,
  dailyCap = 300,
  singleMessage: 'digest' | 'reminder' = 'digest',
) =>
  sendPlan({
    ...configured,
    dailyCap,
    share: 0.7,
    rooms,
    members,
    mentionBatches: Math.ceil(members / 10),
    singleMessage,
  })

describe('the daily send plan', () => {
  it.each([
    // rooms, members, mode, instant replies, roll-ups, reminder, closing roll-up
    [1, 30, 'live', 3, Number.POSITIVE_INFINITY, 'mentions', true],
    [3, 30, 'live', 3, Number.POSITIVE_INFINITY, 'mentions', true],
    [1, 500, 'live', 3, Number.POSITIVE_INFINITY, 'mentions', true],
    [10, 100, 'budget', 3, 4, 'mentions', true],
    [20, 500, 'budget', 3, 5, 'count', true],
    [50, 500, 'budget', 2, 0, 'count', true],
    [100, 500, 'budget', 0, 0, 'count', true],
    [200, 500, 'budget', 0, 0, 'none', true],
  ] as const)(
    '%i rooms × %i members: %s, %i answered at once, %s roll-ups, reminder by %s, closing %s',
    (rooms, members, mode, instant, rollups, reminder, closing) => {
      const plan = planFor(rooms, members)
      expect(plan).toMatchObject({ mode, instantReplies: instant, rollups, reminder, closing })
    },
  )

  it('with one message a room, sends the reminder carrying the digest when told to, and no closing roll-up', () => {
    expect(planFor(200, 500, 300, 'reminder')).toMatchObject({ reminder: 'count', closing: false })
    // Two messages a room: both choices remind, then close.
    expect(planFor(100, 500, 300, 'digest')).toMatchObject({ reminder: 'count', closing: true })
  })

  it('behaves as configured when there is no daily cap', () => {
    expect(planFor(1000, 500, 0)).toMatchObject({ mode: 'live', instantReplies: 3, rollupMinutes: 10 })
  })

  it('keeps 200 rooms of 500 under the cap: one digest a room, with room to spare for everything else', () => {
    for (const choice of ['digest', 'reminder'] as const) {
      const plan = planFor(200, 500, 300, choice)
      const perRoom =
        (plan.reminder === 'none' ? 0 : 1) + (plan.closing ? 1 : 0) + plan.instantReplies + plan.rollups
      expect(perRoom).toBe(1)
      expect(perRoom * 200).toBeLessThanOrEqual(300 * 0.7)
    }
  })

  it('never plans more sends than a room’s slice once sends are counted', () => {
    for (const rooms of [2, 5, 10, 20, 40, 50, 80, 120, 200]) {
      for (const members of [20, 100, 500, 2000]) {
        const plan = planFor(rooms, members)
        if (plan.mode === 'live') continue
        const reminder =
          plan.reminder === 'mentions' ? Math.ceil(members / 10) + 3 : plan.reminder === 'count' ? 1 : 0
        const perRoom = reminder + (plan.closing ? 1 : 0) + plan.instantReplies + plan.rollups
        expect(perRoom).toBeLessThanOrEqual(Math.max(1, Math.floor(plan.budget)))
      }
    }
  })

  it('spreads the roll-ups a room can afford over the day', () => {
    expect(planFor(20, 500).rollupMinutes).toBe(160)
    expect(planFor(1, 30).rollupMinutes).toBe(10)
  })
})

describe('a roll-up', () => {
  it('names earlier days first, then today by streak, longest first, and those back after a gap', () => {
    const [part] = rollupParts(
      [
        { name: '小明', streak: 2, day: '2026-12-05' },
        { name: '阿杰', streak: 4, day: '2026-12-04' },
        { name: '小红', streak: 9, day: '2026-12-05' },
        { name: '丁', streak: 2, day: '2026-12-05' },
        { name: '戊', streak: 1, day: '2026-12-05', back: true },
      ],
      '2026-12-05',
    )
    expect(part).toEqual({
      earlier: ['阿杰'],
      groups: [
        { streak: 9, names: ['小红'] },
        { streak: 2, names: ['小明', '丁'] },
      ],
      back: ['戊'],
      count: 5,
    })
  })

  it('is split by length only when needed, evenly, naming every member once', () => {
    const waiting = Array.from({ length: 500 }, (_, i) => ({ name: `成员${i}`, streak: (i % 9) + 1 }))
    expect(rollupParts(waiting.slice(0, 150), '2026-12-05')).toHaveLength(1)
    const parts = rollupParts(waiting, '2026-12-05')
    expect(parts.length).toBeGreaterThan(1)
    const named = parts.flatMap((p) => p.groups.flatMap((g) => g.names))
    expect(new Set(named).size).toBe(500)
    expect(named).toHaveLength(500)
    const sizes = parts.map((p) => p.count)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(50)
  })
})
