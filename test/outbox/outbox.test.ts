import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  MemoryPersistence,
  Outbox,
  type OutboxEvent,
  type OutboxOptions,
  type SendResult,
} from '../../src/outbox/index.js'
import { ManualClock } from '../../src/time/clock.js'
import { pacing, RecordingTransport, roomA, roomB, shanghai, ZONE } from './helpers.js'

const text = (t: string) => ({ type: 'text' as const, text: t })
const T0 = shanghai('2024-05-01 10:00').getTime()

function setup(overrides: Partial<OutboxOptions> = {}) {
  const transport = new RecordingTransport()
  const persistence = new MemoryPersistence()
  const clock = new ManualClock(ZONE, new Date(T0))
  const events: OutboxEvent[] = []
  const outbox = new Outbox({
    transport,
    persistence,
    clock,
    pacing: pacing(),
    onEvent: (e) => events.push(e),
    ...overrides,
  })
  return { outbox, transport, persistence, clock, events }
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('Outbox with zero pacing', () => {
  it('delivers in send order without touching a timer', async () => {
    const { outbox, transport } = setup()
    const results = [
      outbox.send(roomA, text('1')),
      outbox.send(roomB, text('2')),
      outbox.send(roomA, text('3')),
    ]
    expect(vi.getTimerCount()).toBe(0)
    expect(await Promise.all(results)).toEqual([{ status: 'sent' }, { status: 'sent' }, { status: 'sent' }])
    expect(transport.texts()).toEqual(['1', '2', '3'])
    await outbox.idle()
    expect(outbox.pendingCount).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('refuses work after stop', async () => {
    const { outbox } = setup()
    await outbox.stop()
    expect(await outbox.send(roomA, text('late'))).toEqual({ status: 'failed', error: 'outbox stopped' })
  })
})

describe('Outbox pacing', () => {
  it('waits min gap plus jitter between the end of one delivery and the start of the next', async () => {
    const { outbox, transport } = setup({
      pacing: pacing({ minGapMs: 1000, jitterMs: 2000 }),
      random: () => 0.5,
    })
    void outbox.send(roomA, text('1'))
    const second = outbox.send(roomA, text('2'))
    await vi.advanceTimersByTimeAsync(1999)
    expect(transport.texts()).toEqual(['1'])
    await vi.advanceTimersByTimeAsync(1)
    expect(await second).toEqual({ status: 'sent' })
    expect(transport.delivered.map((d) => d.at - T0)).toEqual([0, 2000])
  })

  it('holds the 7th message of a minute to one room without holding another room past the gap', async () => {
    const { outbox, transport } = setup({ pacing: pacing({ minGapMs: 1000, perRoomPerMinute: 6 }) })
    for (let i = 1; i <= 7; i++) void outbox.send(roomA, text(`A${i}`))
    const other = outbox.send(roomB, text('B1'))
    await vi.advanceTimersByTimeAsync(6000)
    expect(await other).toEqual({ status: 'sent' })
    expect(transport.texts()).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'B1'])
    expect(transport.delivered.at(-1)?.at).toBe(T0 + 6000)
    await vi.advanceTimersByTimeAsync(53_999)
    expect(transport.texts()).not.toContain('A7')
    await vi.advanceTimersByTimeAsync(1)
    expect(transport.delivered.at(-1)).toMatchObject({ text: 'A7', at: T0 + 60_000 })
  })
})

describe('Outbox daily cap', () => {
  it('drops a reply past the cap and defers a scheduled post to the next local day', async () => {
    const { outbox, transport, clock, events } = setup({ pacing: pacing({ dailyCap: 2 }) })
    await outbox.send(roomA, text('1'))
    await outbox.send(roomA, text('2'))
    expect(await outbox.send(roomA, text('reply'))).toEqual({ status: 'dropped', reason: 'daily-cap' })
    const until = shanghai('2024-05-02 00:00')
    expect(await outbox.send(roomA, text('post'), { origin: 'scheduled' })).toEqual({
      status: 'deferred',
      until,
    })
    expect(events.map((e) => e.type)).toEqual(['sent', 'sent', 'dropped', 'deferred'])
    expect(outbox.nextReleaseAt).toEqual(until)
    clock.set(until)
    await outbox.release()
    expect(transport.texts()).toEqual(['1', '2', 'post'])
  })

  it('defers past the end of quiet hours when the next day starts inside them', async () => {
    const { outbox } = setup({
      pacing: pacing({ dailyCap: 1 }),
      quietHoursFor: () => ({ start: '22:30', end: '08:00' }),
    })
    await outbox.send(roomA, text('1'))
    const result = await outbox.send(roomA, text('post'), { origin: 'scheduled' })
    expect(result).toEqual({ status: 'deferred', until: shanghai('2024-05-02 08:00') })
  })
})

describe('Outbox quiet hours', () => {
  it('defers a scheduled post at 23:00 to 08:00 and lets a reply through at once', async () => {
    const { outbox, transport, clock } = setup({ quietHoursFor: () => ({ start: '22:30', end: '08:00' }) })
    clock.set(shanghai('2024-05-01 23:00'))
    const until = shanghai('2024-05-02 08:00')
    expect(await outbox.send(roomA, text('post'), { origin: 'scheduled' })).toEqual({
      status: 'deferred',
      until,
    })
    expect(await outbox.send(roomA, text('reply'))).toEqual({ status: 'sent' })
    expect(outbox.pendingCount).toBe(1)
    clock.set(shanghai('2024-05-02 07:59'))
    await outbox.release()
    expect(transport.texts()).toEqual(['reply'])
    clock.set(until)
    await outbox.release()
    expect(transport.texts()).toEqual(['reply', 'post'])
    expect(outbox.pendingCount).toBe(0)
  })
})

describe('Outbox mention cap', () => {
  it('sends 25 mentions with cap 10 as three messages of 10, 10 and 5', async () => {
    const { outbox, transport } = setup({ pacing: pacing({ maxMentionsPerMessage: 10 }) })
    const mentions = Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, name: `M${i}` }))
    const body = {
      type: 'text' as const,
      text: `${mentions.map((m) => `@${m.name}`).join(' ')} 开会`,
      mentions,
    }
    const seen: number[] = []
    transport.deliver = async (message) => {
      if (message.body.type === 'text') seen.push(message.body.mentions?.length ?? 0)
    }
    expect(await outbox.send(roomA, body)).toEqual({ status: 'sent' })
    expect(seen).toEqual([10, 10, 5])
  })
})

describe('Outbox retries', () => {
  it('retries after the back-off delays and reports sent on the third attempt', async () => {
    const { outbox, transport, events } = setup()
    transport.failures.set('flaky', 2)
    let result: SendResult | undefined
    void outbox.send(roomA, text('flaky')).then((r) => {
      result = r
    })
    await vi.advanceTimersByTimeAsync(11_999)
    expect(result).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(result).toEqual({ status: 'sent' })
    expect(transport.tries.map((t) => t - T0)).toEqual([0, 2000, 12_000])
    expect(transport.delivered[0]?.attempts).toBe(3)
    expect(events.map((e) => e.type)).toEqual(['retry', 'retry', 'sent'])
  })

  it('gives up after retry.attempts and keeps delivering later messages', async () => {
    const { outbox, transport, events } = setup()
    transport.failures.set('dead', Number.POSITIVE_INFINITY)
    const dead = outbox.send(roomA, text('dead'))
    const sameRoom = outbox.send(roomA, text('after'))
    const otherRoom = outbox.send(roomB, text('other'))
    await vi.advanceTimersByTimeAsync(0)
    expect(transport.texts()).toEqual(['other'])
    await vi.advanceTimersByTimeAsync(12_000)
    expect(await dead).toEqual({ status: 'failed', error: 'transport refused dead' })
    expect(await sameRoom).toEqual({ status: 'sent' })
    expect(await otherRoom).toEqual({ status: 'sent' })
    expect(transport.texts()).toEqual(['other', 'after'])
    expect(transport.tries).toHaveLength(5)
    expect(events.filter((e) => e.type === 'failed')[0]?.message.attempts).toBe(3)
    await outbox.idle()
    expect(outbox.pendingCount).toBe(0)
  })
})

describe('Outbox persistence', () => {
  it('hands what one outbox left pending to the next one after a restart', async () => {
    const first = setup({ pacing: pacing({ minGapMs: 60_000 }) })
    await first.outbox.start()
    const results = ['1', '2', '3'].map((t) => first.outbox.send(roomA, text(t)))
    await vi.advanceTimersByTimeAsync(0)
    expect(first.transport.texts()).toEqual(['1'])
    await first.outbox.stop()
    expect(await Promise.all(results)).toEqual([
      { status: 'sent' },
      { status: 'deferred', until: new Date(T0) },
      { status: 'deferred', until: new Date(T0) },
    ])
    expect(vi.getTimerCount()).toBe(0)
    expect((await first.persistence.load()).map((m) => m.body)).toEqual([text('2'), text('3')])

    const transport = new RecordingTransport()
    const second = new Outbox({
      transport,
      persistence: first.persistence,
      clock: first.clock,
      pacing: pacing(),
    })
    await second.start()
    await second.idle()
    expect(transport.texts()).toEqual(['2', '3'])
    await second.stop()
    expect(await first.persistence.load()).toEqual([])
  })

  it('keeps deferred messages deferred across a restart', async () => {
    const quietHoursFor = () => ({ start: '22:30', end: '08:00' })
    const first = setup({ quietHoursFor })
    first.clock.set(shanghai('2024-05-01 23:00'))
    await first.outbox.start()
    await first.outbox.send(roomA, text('post'), { origin: 'scheduled' })
    await first.outbox.stop()

    const transport = new RecordingTransport()
    const options = {
      transport,
      persistence: first.persistence,
      clock: first.clock,
      pacing: pacing(),
      quietHoursFor,
    }
    const second = new Outbox(options)
    await second.start()
    await second.idle()
    expect(transport.texts()).toEqual([])
    expect(second.nextReleaseAt).toEqual(shanghai('2024-05-02 08:00'))
    first.clock.set(shanghai('2024-05-02 08:00'))
    await second.release()
    expect(transport.texts()).toEqual(['post'])
  })

  it('saves while running without waiting for the save', async () => {
    const { outbox, persistence } = setup()
    await outbox.start()
    let release = () => {}
    persistence.save = () => new Promise<void>((resolve) => (release = resolve))
    expect(await outbox.send(roomA, text('1'))).toEqual({ status: 'sent' })
    release()
  })
})
