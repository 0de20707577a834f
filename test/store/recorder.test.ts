import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LogEntry } from '../../src/store/log-entry.js'
import { Recorder } from '../../src/store/recorder.js'
import { runFixture, tempDir } from './helpers.js'

const TZ = 'Asia/Shanghai'
let seq = 0

function entry(roomKey: string, time: string, text = `message ${++seq}`): LogEntry {
  return {
    id: `m${++seq}`,
    roomKey,
    senderKey: 'wxid_sender',
    senderName: '发言人',
    text,
    time,
    kind: 'text',
  }
}

function recorder(dir: string | null, extra: Partial<ConstructorParameters<typeof Recorder>[0]> = {}) {
  return new Recorder({ dir, timeZone: TZ, ...extra })
}

/** Lets the event loop finish its turn: immediates queued before this one run first. */
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** An entry as its day file holds it: the file names the room, and text is the kind unless said. */
function stored({ roomKey: _room, kind, ...line }: LogEntry): Partial<LogEntry> {
  return kind === 'text' ? line : { ...line, kind }
}

/** A day file's lines, read back as the entries they store (the room is the file's). */
function linesOf(file: string, roomKey = file.split('/').at(-2) as string): LogEntry[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => ({ roomKey, kind: 'text', ...JSON.parse(line) }))
}

describe('Recorder', () => {
  it('keeps each room in its own files and never returns another room', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const a = entry('111@chatroom', '2026-03-01T04:00:00Z')
    const b = entry('222@chatroom', '2026-03-01T04:00:01Z')
    rec.append(a)
    rec.append(b)
    await rec.close()
    expect((await readdir(dir)).sort()).toEqual(['111@chatroom', '222@chatroom'])
    expect(await readFile(join(dir, '111@chatroom', '2026-03-01.jsonl'), 'utf8')).toBe(
      `${JSON.stringify(stored(a))}\n`,
    )
    expect(await rec.read('111@chatroom', '2026-03-01', '2026-03-01')).toEqual([a])
    expect(await rec.read('222@chatroom', '2026-03-01', '2026-03-01')).toEqual([b])
    expect(await rec.read('333@chatroom', '2026-03-01', '2026-03-01')).toEqual([])
  })

  it('keeps hostile or look-alike room keys apart and inside the log directory', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const keys = ['..', '.', '../escape', 'a/b', 'Room', 'room', 'room%41', '群 聊']
    for (const key of keys) rec.append(entry(key, '2026-03-01T04:00:00Z', key))
    await rec.flush()
    expect(await readdir(join(dir, '..'))).not.toContain('escape')
    expect(await readdir(dir)).toHaveLength(keys.length)
    for (const key of keys) {
      expect((await rec.read(key, '2026-03-01', '2026-03-01')).map((e) => e.text)).toEqual([key])
    }
  })

  it('splits days by the configured time zone', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const late = entry('1@chatroom', '2026-11-23T15:59:59Z')
    const early = entry('1@chatroom', '2026-11-23T16:30:00Z')
    rec.append(late)
    rec.append(early)
    await rec.flush()
    expect((await readdir(join(dir, '1@chatroom'))).sort()).toEqual(['2026-11-23.jsonl', '2026-11-24.jsonl'])
    expect(await rec.read('1@chatroom', '2026-11-24', '2026-11-24')).toEqual([early])
    expect(await rec.read('1@chatroom', '2026-11-23', '2026-11-24')).toEqual([late, early])
  })

  it('splits days at quarter-hour offsets too', async () => {
    const rec = new Recorder({ dir: null, timeZone: 'Asia/Kathmandu' })
    const before = entry('1@chatroom', '2026-11-23T18:14:59.999Z')
    const after = entry('1@chatroom', '2026-11-23T18:15:00Z')
    rec.append(before)
    rec.append(after)
    expect(await rec.read('1@chatroom', '2026-11-23', '2026-11-23')).toEqual([before])
    expect(await rec.read('1@chatroom', '2026-11-24', '2026-11-24')).toEqual([after])
    await rec.close()
  })

  it('shows entries not yet in their file to read, once each', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const first = entry('1@chatroom', '2026-03-01T01:00:00Z')
    const second = entry('1@chatroom', '2026-03-01T02:00:00Z')
    rec.append(first)
    await rec.flush()
    rec.append(second)
    const file = join(dir, '1@chatroom', '2026-03-01.jsonl')
    expect(linesOf(file)).toEqual([first])
    expect(await rec.read('1@chatroom', '2026-03-01', '2026-03-01')).toEqual([first, second])
    await rec.close()
    expect(linesOf(file)).toEqual([first, second])
  })

  it('writes what was appended before the event loop turn ends, one append per file', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const burst = [1, 2, 3].map((i) => entry('1@chatroom', `2026-03-01T01:00:0${i}Z`))
    for (const e of burst) rec.append(e)
    const file = join(dir, '1@chatroom', '2026-03-01.jsonl')
    expect(existsSync(file)).toBe(false)
    await endOfTurn()
    expect(linesOf(file)).toEqual(burst)
  })

  it('writes at once when asked', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const asked = entry('1@chatroom', '2026-03-01T01:00:00Z', '/在吗')
    rec.append(asked)
    rec.writeNow()
    expect(linesOf(join(dir, '1@chatroom', '2026-03-01.jsonl'))).toEqual([asked])
  })

  it("written() settles once the turn's lines are in their files, as a reply waits for it", async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    await rec.written() // nothing pending: settles at once
    const asked = entry('1@chatroom', '2026-03-01T01:00:00Z', '/在吗')
    const other = entry('2@chatroom', '2026-03-01T01:00:01Z')
    rec.append(asked)
    rec.append(other)
    const file = join(dir, '1@chatroom', '2026-03-01.jsonl')
    let settled = false
    const waiting = rec.written().then(() => {
      settled = true
      // Both rooms' lines are there by the time a reply could leave.
      expect(linesOf(file)).toEqual([asked])
      expect(linesOf(join(dir, '2@chatroom', '2026-03-01.jsonl'))).toEqual([other])
    })
    await Promise.resolve()
    expect(settled).toBe(false)
    expect(existsSync(file)).toBe(false)
    await waiting
    expect(settled).toBe(true)
  })

  it('written() settles even when the write fails, the lines kept for the next one', async () => {
    const dir = await tempDir()
    const errors: unknown[] = []
    const rec = recorder(join(dir, 'blocked'), { onError: (e) => errors.push(e) })
    await writeFile(join(dir, 'blocked'), 'a file where the folder belongs')
    const kept = entry('1@chatroom', '2026-03-01T01:00:00Z')
    rec.append(kept)
    await rec.written()
    expect(errors).toHaveLength(1)
    expect(await rec.read('1@chatroom', '2026-03-01', '2026-03-01')).toEqual([kept])
  })

  it('close() flushes and later appends throw', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const last = entry('1@chatroom', '2026-03-01T01:00:00Z')
    rec.append(last)
    await rec.close()
    expect(await readFile(join(dir, '1@chatroom', '2026-03-01.jsonl'), 'utf8')).toContain(`"id":"${last.id}"`)
    expect(() => rec.append(entry('1@chatroom', '2026-03-01T01:00:00Z'))).toThrow(/closed/)
  })

  it('skips a malformed line and reports it', async () => {
    const dir = await tempDir()
    const errors: unknown[] = []
    const rec = recorder(dir, { onError: (error) => errors.push(error) })
    const a = entry('1@chatroom', '2026-03-01T01:00:00Z')
    const b = entry('1@chatroom', '2026-03-01T02:00:00Z')
    const other = entry('2@chatroom', '2026-03-01T02:00:00Z')
    // Lines in the older form, the room in each: one filed under the wrong room is never returned.
    const lines = [JSON.stringify(a), '{"id": "broken', '42', JSON.stringify(other), JSON.stringify(b)]
    const roomDir = join(dir, '1@chatroom')
    await mkdir(roomDir, { recursive: true })
    await writeFile(join(roomDir, '2026-03-01.jsonl'), `${lines.join('\n')}\n`)
    expect(await rec.read('1@chatroom', '2026-03-01', '2026-03-01')).toEqual([a, b])
    expect(errors).toHaveLength(3)
    expect(String(errors[0])).toMatch(/line 2 of .*2026-03-01\.jsonl/)
  })

  it('prune deletes day files older than keepDays', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    for (const day of ['2026-02-20', '2026-02-27', '2026-02-28', '2026-03-01']) {
      rec.append(entry('1@chatroom', `${day}T04:00:00Z`))
    }
    rec.append(entry('2@chatroom', '2026-02-20T04:00:00Z'))
    await rec.flush()
    const now = new Date('2026-03-01T20:00:00Z') // already 2026-03-02 in Shanghai
    // Local today is 2026-03-02, so three days back keeps 2026-02-27 onwards.
    expect(await rec.prune(3, now)).toBe(2)
    expect((await readdir(join(dir, '1@chatroom'))).sort()).toEqual([
      '2026-02-27.jsonl',
      '2026-02-28.jsonl',
      '2026-03-01.jsonl',
    ])
    expect(await readdir(dir)).toEqual(['1@chatroom'])
    expect(await rec.prune(3, now)).toBe(0)
  })

  it('keeps logs in memory when dir is null', async () => {
    const rec = recorder(null)
    const a = entry('1@chatroom', '2026-03-01T01:00:00Z')
    rec.append(a)
    await rec.flush()
    rec.append(entry('2@chatroom', '2026-03-01T01:00:00Z'))
    expect(await rec.read('1@chatroom', '2026-02-01', '2026-03-31')).toEqual([a])
    // One stored day file; the still-buffered entry of an old day is dropped rather than written later.
    expect(await rec.prune(0, new Date('2026-04-01T00:00:00Z'))).toBe(1)
    expect(await rec.read('2@chatroom', '2026-03-01', '2026-03-01')).toEqual([])
  })

  it('reads back what another process wrote', async () => {
    const dir = await tempDir()
    const entries = [entry('9@chatroom', '2026-11-23T16:30:00Z'), entry('9@chatroom', '2026-11-24T01:00:00Z')]
    runFixture('write-log.ts', [dir, TZ, JSON.stringify(entries)])
    expect(await recorder(dir).read('9@chatroom', '2026-11-24', '2026-11-24')).toEqual(entries)
  })

  it('keeps writing when someone deletes the log folder while it runs', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const first = entry('5@chatroom', '2026-11-23T02:00:00Z')
    rec.append(first)
    await rec.flush()
    await rm(dir, { recursive: true, force: true })
    const second = entry('5@chatroom', '2026-11-23T02:01:00Z')
    rec.append(second)
    await rec.flush()
    expect(await rec.read('5@chatroom', '2026-11-23', '2026-11-23')).toEqual([second])
  })

  it("writes a new day file when the day's file is deleted", async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    const file = join(dir, '5@chatroom', '2026-11-23.jsonl')
    rec.append(entry('5@chatroom', '2026-11-23T02:00:00Z'))
    await rec.flush()
    await rm(file)
    const second = entry('5@chatroom', '2026-11-23T02:01:00Z')
    rec.append(second)
    await rec.close()
    expect(linesOf(file)).toEqual([second])
  })

  it('keeps the lines of a failed write and writes them before newer ones once it can', async () => {
    const dir = await tempDir()
    const rec = recorder(dir)
    // A file where the room's folder should be: every append to that room fails until it is gone.
    await writeFile(join(dir, '6@chatroom'), 'not a folder')
    const first = entry('6@chatroom', '2026-11-23T02:00:00Z')
    rec.append(first)
    await expect(rec.flush()).rejects.toThrow()
    const second = entry('6@chatroom', '2026-11-23T02:01:00Z')
    rec.append(second)
    expect(await rec.read('6@chatroom', '2026-11-23', '2026-11-23')).toEqual([first, second])
    await rm(join(dir, '6@chatroom'))
    const third = entry('6@chatroom', '2026-11-23T02:02:00Z')
    rec.append(third)
    await rec.close()
    expect(linesOf(join(dir, '6@chatroom', '2026-11-23.jsonl'))).toEqual([first, second, third])
  })

  it('reports a failing write once, not once per message, and writes every line once it can', async () => {
    const dir = await tempDir()
    const errors: unknown[] = []
    const rec = recorder(dir, { onError: (error) => errors.push(error) })
    await writeFile(join(dir, '6@chatroom'), 'not a folder')
    const burst = [1, 2, 3].map((i) => entry('6@chatroom', `2026-11-23T02:00:0${i}Z`))
    for (const e of burst) {
      rec.append(e)
      rec.writeNow()
    }
    expect(errors).toHaveLength(1)
    await rm(join(dir, '6@chatroom'))
    rec.writeNow()
    expect(linesOf(join(dir, '6@chatroom', '2026-11-23.jsonl'))).toEqual(burst)
    expect(errors).toHaveLength(1)
  })
})
