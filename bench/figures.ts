import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ActiveDays } from '../plugins/figures/active-days.js'
import { computeFigures } from '../plugins/figures/figures.js'
import { roomHistory } from '../src/host/history.js'
import type { LogEntry } from '../src/store/log-entry.js'
import { Recorder } from '../src/store/recorder.js'
import { ManualClock } from '../src/time/clock.js'
import { localDate, shiftDay } from '../src/time/zoned.js'

/**
 * `npm run bench:figures`: `/数据` for a 500-member room with 90 days of logs (1,500 messages a day, written to
 * real day files): the time to read the 60 days the figures need and compute them (goal: under a second).
 */
const MEMBERS = 500
const DAYS = 90
const PER_DAY = 1500
const zone = 'Asia/Shanghai'
const dir = mkdtempSync(join(tmpdir(), 'qunbot-figures-'))
const recorder = new Recorder({ dir, timeZone: zone })
const room = 'room_1@chatroom'
const end = new Date('2026-12-07T20:00:00+08:00')
let seed = 7
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed / 2 ** 31
}
for (let d = DAYS - 1; d >= 0; d--) {
  const dayStart = end.getTime() - d * 86_400_000 - 12 * 3_600_000
  for (let i = 0; i < PER_DAY; i++) {
    // A few members talk a lot; most rarely: a real group's long tail.
    const member = Math.floor(MEMBERS * next() ** 3)
    const entry: LogEntry = {
      id: `m${d}-${i}`,
      roomKey: room,
      senderKey: `wxid_${member}`,
      senderName: `成员${member}`,
      text: '今天跑了五公里，配速还可以',
      time: new Date(dayStart + Math.floor((i / PER_DAY) * 12 * 3_600_000)).toISOString(),
      kind: 'text',
    }
    recorder.append(entry)
  }
  await recorder.flush()
}
const today = localDate(end, zone)
const members = Array.from({ length: MEMBERS }, (_, i) => `wxid_${i}`)
const joinedOn = new Map(Array.from({ length: 100 }, (_, i) => [`wxid_${i * 5}`, shiftDay(today, -(i % 80))]))
// The plugin's own path: ActiveDays over ctx.history, closed days kept after the first read.
const active = new ActiveDays(roomHistory(recorder, new ManualClock(zone, end)), zone)
async function figuresAt(now: Date) {
  const started = performance.now()
  const activeDays = await active.of(room, now)
  const figures = computeFigures({ members, joinedOn, activeDays, today, weekStart: today })
  return { ms: performance.now() - started, figures }
}
const cold = await figuresAt(end)
const warm = await figuresAt(new Date(end.getTime() + 60_000))
const nextDay = new Date(end.getTime() + 86_400_000)
const fmt = (ms: number) => `${ms.toFixed(0)} ms`
console.log(
  `/数据 for ${MEMBERS} members over ${DAYS} days of logs (${(DAYS * PER_DAY).toLocaleString('en')} messages, 60 days read): ` +
    `first call ${fmt(cold.ms)} (goal < 1,000 ms); again the same day ${fmt(warm.ms)}; the next day ${fmt((await figuresAt(nextDay)).ms)}`,
)
const { figures } = cold
console.log(
  `  active 7 days ${figures.active7}, silent ${figures.silent7}, churned ${figures.churned60}, retention day 1/7/30 ${figures.retention.day1}/${figures.retention.day7}/${figures.retention.day30} %`,
)
await recorder.close()
