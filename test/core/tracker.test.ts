import { describe, expect, it } from 'vitest'
import { WorkTracker } from '../../src/runtime/tracker.js'

/** Which of the promises have settled by the time pending callbacks have run. */
async function settledOf(promises: Record<string, Promise<void>>): Promise<string[]> {
  const done: string[] = []
  for (const [name, promise] of Object.entries(promises)) void promise.then(() => done.push(name))
  await new Promise<void>((resolve) => setImmediate(resolve))
  return done.sort()
}

describe('WorkTracker', () => {
  it('settles a message key from the bare id, oldest expectation first', async () => {
    const tracker = new WorkTracker()
    const first = tracker.expect('msg:m1')
    const second = tracker.expect('msg:m1')
    const other = tracker.expect('msg:m2')
    tracker.settleMessage('m1')
    expect(await settledOf({ first, second, other })).toEqual(['first'])
    tracker.settle('msg:m1')
    expect(await settledOf({ first, second, other })).toEqual(['first', 'second'])
  })

  it('keeps other keys apart from message ids that look like them', async () => {
    const tracker = new WorkTracker()
    const join = tracker.expect('join:r1')
    const message = tracker.expect('msg:join:r1')
    tracker.settle('join:r1')
    expect(await settledOf({ join, message })).toEqual(['join'])
    tracker.settleMessage('join:r1')
    expect(await settledOf({ join, message })).toEqual(['join', 'message'])
  })

  it('expects a message by its bare id', async () => {
    const tracker = new WorkTracker()
    const bare = tracker.expectMessage('m9')
    tracker.settle('msg:m9')
    expect(await settledOf({ bare })).toEqual(['bare'])
  })

  it('ignores a settle nobody waits for', async () => {
    const tracker = new WorkTracker()
    tracker.settleMessage('nobody')
    tracker.settle('nobody')
    const later = tracker.expect('msg:nobody')
    expect(await settledOf({ later })).toEqual([])
  })
})
