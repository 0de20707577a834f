import { spawnSync } from 'node:child_process'
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Ledger } from '../../src/points/ledger.js'
import { StateFileCorruptError } from '../../src/store/snapshot-file.js'
import { ManualClock } from '../../src/time/clock.js'
import { startOfWeek } from '../../src/time/zoned.js'
import { projectRoot, tempDir } from '../support/harness.js'

const xiaoming = { key: 'wxid_xm', name: '小明' }
const xiaohong = { key: 'wxid_xh', name: '小红' }
const at = (iso: string) => new ManualClock('Asia/Shanghai', new Date(iso))

describe('the points ledger', () => {
  it('derives balances from entries and keeps every entry with its reason and source', async () => {
    const clock = at('2026-12-01T02:00:00Z')
    const ledger = await Ledger.open(null, clock)
    expect(await ledger.add('r1', xiaoming, 10, '猜谜答对', 'games')).toBe(10)
    expect(await ledger.add('r1', xiaoming, 3, '打卡', 'checkin')).toBe(13)
    expect(await ledger.add('r1', xiaoming, -5, '扣分', 'games')).toBe(8)
    expect(ledger.balance('r1', 'wxid_xm')).toBe(8)
    expect(ledger.entries('r1', 'wxid_xm').map((e) => [e.reason, e.amount, e.source])).toEqual([
      ['扣分', -5, 'games'],
      ['打卡', 3, 'checkin'],
      ['猜谜答对', 10, 'games'],
    ])
    expect(ledger.entries('r1', 'wxid_xm', { limit: 1 })).toHaveLength(1)
  })

  it('keeps rooms apart', async () => {
    const ledger = await Ledger.open(null, at('2026-12-01T02:00:00Z'))
    await ledger.add('r1', xiaoming, 10, '猜谜答对', 'games')
    await ledger.add('r2', xiaohong, 7, '打卡', 'checkin')
    expect(ledger.ranking('r1').map((r) => r.member.name)).toEqual(['小明'])
    expect(ledger.balance('r2', 'wxid_xm')).toBe(0)
  })

  it('ranks since a moment, reading only what came after it, ties by name', async () => {
    const clock = at('2026-11-29T15:00:00Z') // Sunday 23:00 in Shanghai
    const ledger = await Ledger.open(null, clock)
    await ledger.add('r', xiaoming, 50, '猜谜答对', 'games')
    clock.set(new Date('2026-11-29T16:30:00Z')) // Monday 00:30 in Shanghai: a new week
    await ledger.add('r', xiaohong, 10, '打卡', 'checkin')
    await ledger.add('r', xiaoming, 10, '打卡', 'checkin')
    const monday = startOfWeek(clock.now(), 'Asia/Shanghai')
    expect(monday.toISOString()).toBe('2026-11-29T16:00:00.000Z')
    expect(ledger.ranking('r', { since: monday })).toEqual([
      { member: xiaohong, points: 10 },
      { member: xiaoming, points: 10 },
    ])
    expect(ledger.ranking('r')[0]).toEqual({ member: xiaoming, points: 60 })
  })

  it('appends one line per entry and reads them back in a new process', async () => {
    const dir = tempDir()
    const ledger = await Ledger.open(dir, at('2026-12-01T02:00:00Z'))
    await ledger.add('r1@chatroom', xiaoming, 10, '猜谜答对', 'games')
    await ledger.add('r1@chatroom', xiaohong, 5, '猜谜答对', 'games')
    const [file = ''] = readdirSync(dir)
    expect(readFileSync(join(dir, file), 'utf8').trim().split('\n')).toHaveLength(2)
    const script = `import { Ledger } from './src/points/ledger.ts'
import { ManualClock } from './src/time/clock.ts'
const l = await Ledger.open(${JSON.stringify(dir)}, new ManualClock('Asia/Shanghai'))
console.log(JSON.stringify(l.ranking('r1@chatroom')))`
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
    expect(JSON.parse(child.stdout)).toEqual([
      { member: xiaoming, points: 10 },
      { member: xiaohong, points: 5 },
    ])
  })

  it('skips a torn last line (a crash mid-append) and refuses a damaged line elsewhere', async () => {
    const dir = tempDir()
    const ledger = await Ledger.open(dir, at('2026-12-01T02:00:00Z'))
    await ledger.add('r', xiaoming, 10, '猜谜答对', 'games')
    const [file = ''] = readdirSync(dir)
    const path = join(dir, file)
    appendFileSync(path, '{"room":"r","member":{"key":"wx')
    const reopened = await Ledger.open(dir, at('2026-12-01T03:00:00Z'))
    expect(reopened.balance('r', 'wxid_xm')).toBe(10)
    await reopened.add('r', xiaoming, 1, '打卡', 'checkin')
    expect((await Ledger.open(dir, at('2026-12-01T04:00:00Z'))).balance('r', 'wxid_xm')).toBe(11)
    writeFileSync(path, `garbage\n${readFileSync(path, 'utf8')}`)
    await expect(Ledger.open(dir, at('2026-12-01T03:00:00Z'))).rejects.toBeInstanceOf(StateFileCorruptError)
  })
})
