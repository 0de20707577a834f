import { describe, expect, it } from 'vitest'
import { backoffFor, Pacer } from '../../src/outbox/index.js'
import { pacing } from './helpers.js'

describe('Pacer', () => {
  it('asks for min gap plus jitter after a delivery ends', () => {
    const pacer = new Pacer(pacing({ minGapMs: 1000, jitterMs: 2000 }), () => 0.25)
    expect(pacer.gapWait(0)).toBe(0)
    pacer.noteEnd(100)
    expect(pacer.gapWait(100)).toBe(1500)
    expect(pacer.gapWait(1600)).toBe(0)
  })

  it('holds a target that used up its minute until the oldest send leaves the window', () => {
    const pacer = new Pacer(pacing({ perRoomPerMinute: 2 }), Math.random)
    pacer.noteStart('room:A', 0)
    pacer.noteStart('room:A', 10_000)
    expect(pacer.windowWait('room:A', 20_000)).toBe(40_000)
    expect(pacer.windowWait('room:B', 20_000)).toBe(0)
    expect(pacer.windowWait('room:A', 60_000)).toBe(0)
  })

  it('does nothing when pacing is zero', () => {
    const pacer = new Pacer(pacing(), () => 1)
    pacer.noteStart('room:A', 0)
    pacer.noteEnd(0)
    expect(pacer.gapWait(0)).toBe(0)
    expect(pacer.windowWait('room:A', 0)).toBe(0)
  })
})

describe('backoffFor', () => {
  it('uses the n-th value and repeats the last', () => {
    expect([1, 2, 3, 4].map((n) => backoffFor([2000, 10000, 60000], n))).toEqual([2000, 10000, 60000, 60000])
    expect(backoffFor([], 1)).toBe(0)
  })
})
