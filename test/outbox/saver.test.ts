import { describe, expect, it } from 'vitest'
import { CoalescedSaver, type OutgoingMessage } from '../../src/outbox/index.js'

const message = (id: string): OutgoingMessage => ({
  id,
  target: { kind: 'room', roomKey: 'A' },
  body: { type: 'text', text: id },
  origin: 'reply',
  createdAt: '2024-05-01T00:00:00.000Z',
  attempts: 0,
})

describe('CoalescedSaver', () => {
  it('keeps at most one save in flight and folds later changes into one more', async () => {
    const list: OutgoingMessage[] = []
    const saved: string[][] = []
    let inFlight = 0
    let maxInFlight = 0
    const releases: Array<() => void> = []
    const persistence = {
      load: async () => [],
      save: async (pending: OutgoingMessage[]) => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        saved.push(pending.map((m) => m.id))
        await new Promise<void>((resolve) => releases.push(resolve))
        inFlight--
      },
    }
    const saver = new CoalescedSaver(
      persistence,
      () => [...list],
      () => {},
    )
    list.push(message('a'))
    saver.request()
    await Promise.resolve()
    await Promise.resolve()
    for (const id of ['b', 'c', 'd']) {
      list.push(message(id))
      saver.request()
    }
    const flushed = saver.flush()
    while (releases.length > 0 || inFlight > 0) {
      releases.shift()?.()
      await new Promise((resolve) => setImmediate(resolve))
    }
    await flushed
    expect(maxInFlight).toBe(1)
    expect(saved).toEqual([['a'], ['a', 'b', 'c', 'd']])
  })

  it('reports a failed save and keeps going', async () => {
    const errors: unknown[] = []
    let calls = 0
    const persistence = {
      load: async () => [],
      save: async () => {
        calls++
        if (calls === 1) throw new Error('disk full')
      },
    }
    const saver = new CoalescedSaver(
      persistence,
      () => [],
      (e) => errors.push(e),
    )
    saver.request()
    await saver.flush()
    saver.request()
    await saver.flush()
    expect(calls).toBe(2)
    expect(errors).toHaveLength(1)
  })
})
