import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { StateStore } from '../../src/store/state-store.js'
import { onStateWriteError } from '../../src/store/write-queue.js'
import { tempDir } from '../support/harness.js'

/** The write itself is real disk work: on a busy machine it can take longer than waitFor's default second. */
const DISK = { timeout: 10_000 }

afterEach(() => {
  vi.useRealTimers()
  onStateWriteError((error) => console.error('state write failed:', error))
})

describe('writing state behind its changes', () => {
  it('writes a burst of changes once, after the delay, without anyone flushing', async () => {
    vi.useFakeTimers()
    const dir = tempDir()
    const file = await new StateStore(dir).open('burst')
    const t = file.table<number>('t')
    for (let i = 0; i < 100; i++) await t.set('n', i)
    expect(() => readFileSync(file.path, 'utf8')).toThrow()
    await vi.advanceTimersByTimeAsync(150)
    await vi.waitFor(() => expect(JSON.parse(readFileSync(file.path, 'utf8')).tables.t.n).toBe(99), DISK)
  })

  it('reports a failing background write once, keeps the data, and writes it when the disk recovers', async () => {
    vi.useFakeTimers()
    const errors: unknown[] = []
    onStateWriteError((error) => errors.push(error))
    const file = await new StateStore(tempDir()).open('fragile')
    // A directory where the file should go makes the atomic rename fail, even for root.
    mkdirSync(file.path)
    await file.table<number>('t').set('n', 1)
    await vi.advanceTimersByTimeAsync(150)
    await vi.waitFor(() => expect(errors).toHaveLength(1), DISK)
    await vi.advanceTimersByTimeAsync(5_100)
    expect(errors).toHaveLength(1)
    rmSync(file.path, { recursive: true })
    await vi.advanceTimersByTimeAsync(5_100)
    await vi.waitFor(() => expect(JSON.parse(readFileSync(file.path, 'utf8')).tables.t.n).toBe(1), DISK)
  })
})
