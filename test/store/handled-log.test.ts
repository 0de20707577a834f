import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HandledLog } from '../../src/store/handled-log.js'
import { tempDir } from '../support/harness.js'

describe('the handled-message log', () => {
  it('remembers ids across a reopen', async () => {
    const path = join(tempDir(), 'state', 'handled.log')
    const log = await HandledLog.open(path, 100)
    log.add('m1')
    log.add('m2')
    log.add('m1')
    await log.flush()
    const again = await HandledLog.open(path, 100)
    expect(again.has('m1')).toBe(true)
    expect(again.has('m2')).toBe(true)
    expect(again.has('m3')).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe('"m1"\n"m2"\n')
  })

  it('compacts to the newest ids when it opens', async () => {
    const path = join(tempDir(), 'handled.log')
    const log = await HandledLog.open(path, 3)
    for (let i = 1; i <= 8; i++) log.add(`m${i}`)
    await log.flush()
    const again = await HandledLog.open(path, 3)
    expect(['m5', 'm6', 'm7', 'm8'].map((id) => again.has(id))).toEqual([false, true, true, true])
    expect(readFileSync(path, 'utf8')).toBe('"m6"\n"m7"\n"m8"\n')
  })

  it('skips a damaged line and keeps the rest', async () => {
    const path = join(tempDir(), 'handled.log')
    writeFileSync(path, '"a"\n{broken\n"b"\n')
    const log = await HandledLog.open(path, 10)
    expect(log.has('a')).toBe(true)
    expect(log.has('b')).toBe(true)
  })

  it('reports ids it could not write, and still knows them while it runs', async () => {
    const path = join(tempDir(), 'handled.log')
    const errors: unknown[] = []
    const log = await HandledLog.open(path, 10, (error) => errors.push(error))
    // A folder where the file belongs: every append fails.
    mkdirSync(path)
    log.add('m1')
    log.add('m2')
    await log.flush()
    expect(errors).toHaveLength(1)
    expect(String(errors[0])).toContain(path)
    expect(log.has('m1')).toBe(true)
  })
})
