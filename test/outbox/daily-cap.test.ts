import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type DailyCount, DailyCounter, MemoryPersistence, Outbox } from '../../src/outbox/index.js'
import { outboxDailyCount } from '../../src/runtime/persistence.js'
import { StateStore } from '../../src/store/state-store.js'
import { ManualClock } from '../../src/time/clock.js'
import { tempDir } from '../store/helpers.js'
import { pacing, RecordingTransport, roomA, shanghai, ZONE } from './helpers.js'

const T0 = shanghai('2024-05-01 10:00').getTime()
const text = (t: string) => ({ type: 'text' as const, text: t })

/** A store like a state table: what one counter saved, the next one reads. */
function memoryStore() {
  let saved: DailyCount | undefined
  return {
    load: () => saved,
    save: (count: DailyCount) => {
      saved = count
    },
    get saved() {
      return saved
    },
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('DailyCounter', () => {
  it('carries the day’s count over to a new counter, and starts afresh on the next local day', () => {
    const clock = new ManualClock(ZONE, new Date(T0))
    const store = memoryStore()
    const first = new DailyCounter(2, clock, store)
    first.record()
    expect(store.saved).toEqual({ day: '2024-05-01', count: 1 })
    const second = new DailyCounter(2, clock, store)
    expect(second.isFull()).toBe(false)
    second.record()
    expect(new DailyCounter(2, clock, store).isFull()).toBe(true)
    clock.set(shanghai('2024-05-02 00:00'))
    expect(new DailyCounter(2, clock, store).isFull()).toBe(false)
  })

  it('ignores a saved count it cannot read', () => {
    const clock = new ManualClock(ZONE, new Date(T0))
    const broken = { load: () => ({ day: '2024-05-01', count: -3 }), save: () => {} }
    const counter = new DailyCounter(1, clock, broken)
    expect(counter.isFull()).toBe(false)
  })
})

describe('Outbox daily cap across a restart', () => {
  it('keeps counting where the previous outbox stopped', async () => {
    const clock = new ManualClock(ZONE, new Date(T0))
    const dailyCount = memoryStore()
    const options = {
      persistence: new MemoryPersistence(),
      pacing: pacing({ dailyCap: 2 }),
      clock,
      dailyCount,
    }
    const first = new Outbox({ ...options, transport: new RecordingTransport() })
    await first.send(roomA, text('1'))
    await first.send(roomA, text('2'))
    await first.stop()
    const transport = new RecordingTransport()
    const second = new Outbox({ ...options, transport })
    expect(await second.send(roomA, text('3'))).toEqual({ status: 'dropped', reason: 'daily-cap' })
    expect(transport.texts()).toEqual([])
  })

  it('keeps the count in the outbox state file, read back by a new store', async () => {
    vi.useRealTimers()
    const dir = await tempDir()
    const clock = new ManualClock(ZONE, new Date(T0))
    const store = new StateStore(dir)
    new DailyCounter(5, clock, outboxDailyCount(await store.open('outbox'))).record()
    await store.flush()
    const reopened = outboxDailyCount(await new StateStore(dir).open('outbox'))
    expect(reopened.load()).toEqual({ day: '2024-05-01', count: 1 })
  })
})
