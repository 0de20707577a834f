import { performance } from 'node:perf_hooks'
import FakeTimers from '@sinonjs/fake-timers'
import { parseConfig } from '../src/config/load.js'
import { Outbox } from '../src/outbox/outbox.js'
import type { OutgoingMessage } from '../src/outbox/types.js'
import { MemoryJobPersistence, Scheduler } from '../src/scheduler/index.js'
import { ManualClock } from '../src/time/clock.js'

/**
 * `npm run bench:schedule`: the scheduler fan-out and the morning post's pacing.
 * 1. 1,000 daily jobs over 200 rooms (five each, at different minutes) on a moved clock: every job must fire
 *    once, at its slot; prints jobs/s and the scheduler's heap per job.
 * 2. A morning post to 200 rooms through the real outbox with the shipped pacing (config.yaml's defaults), on
 *    fake timers: the send log must never break the global gap or a room's per-minute rate, and no two sends in a
 *    row carry the same text; prints how long the fan-out takes.
 */
const ROOMS = 200
const JOBS_PER_ROOM = 5
// Half a minute before midnight, for a whole day: every HH:mm of 12-07 falls in it exactly once.
const START = new Date('2026-12-06T23:59:30+08:00')

// ---- 1. fan-out ----------------------------------------------------------------------------------------
const clock = new ManualClock('Asia/Shanghai', START)
const scheduler = new Scheduler({ clock, persistence: new MemoryJobPersistence(), driver: 'manual' })
const fired = new Map<string, Date[]>()
const expected = new Map<string, string>()
global.gc?.()
const heapBefore = process.memoryUsage().heapUsed
for (let room = 0; room < ROOMS; room++) {
  for (let job = 0; job < JOBS_PER_ROOM; job++) {
    const id = `room${room}.job${job}`
    const minutes = (room * 7 + job * 181) % (24 * 60)
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
    expected.set(id, hhmm)
    scheduler.daily(id, hhmm, (run) => {
      fired.set(id, [...(fired.get(id) ?? []), run.scheduledFor])
    })
  }
}
global.gc?.()
const heapPerJob = (process.memoryUsage().heapUsed - heapBefore) / (ROOMS * JOBS_PER_ROOM)
await scheduler.start()
const started = performance.now()
await scheduler.advanceTo(new Date(START.getTime() + 86_400_000))
const seconds = (performance.now() - started) / 1000
let wrong = 0
for (const [id, hhmm] of expected) {
  const runs = fired.get(id) ?? []
  const local = runs[0]?.toLocaleTimeString('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  })
  if (runs.length !== 1 || local !== hhmm) wrong++
}
const jobs = ROOMS * JOBS_PER_ROOM
console.log(
  `${jobs.toLocaleString('en')} daily jobs over ${ROOMS} rooms, one day of clock: ${jobs - wrong} fired once at their slot, ${wrong} did not`,
)
console.log(
  `  ${(jobs / seconds).toFixed(0)} jobs/s (${(seconds * 1000).toFixed(0)} ms for the day), scheduler heap ${(heapPerJob / 1024).toFixed(2)} KiB per job${global.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
)

// ---- 2. the morning post's pacing ------------------------------------------------------------------------
const pacing = parseConfig({}).outbox
const timers = FakeTimers.install({
  now: new Date('2026-12-07T08:00:00+08:00'),
  toFake: ['Date', 'setTimeout', 'clearTimeout'],
})
const sends: Array<{ at: number; room: string; text: string }> = []
const outbox = new Outbox({
  transport: {
    deliver: async (message: OutgoingMessage) => {
      const body = message.body as { text: string }
      sends.push({
        at: Date.now(),
        room: message.target.kind === 'room' ? message.target.roomKey : '',
        text: body.text,
      })
    },
  },
  persistence: { load: async () => [], save: async () => {} },
  pacing: { ...pacing, maxMentionsPerMessage: pacing.maxMentionsPerMessage, retry: pacing.retry },
  clock: new ManualClock('Asia/Shanghai', new Date('2026-12-07T08:00:00+08:00')),
})
const OPENERS = [
  '早上好～今天的待办在这里：',
  '新的一天开始啦，先看看今天要做的事：',
  '早安！今天的安排：',
  '☀️ 早上好，今天的待办清单：',
]
const posts: Promise<unknown>[] = []
for (let room = 0; room < ROOMS; room++) {
  const opener = OPENERS[room % OPENERS.length]
  posts.push(
    outbox.send(
      { kind: 'room', roomKey: `room${room}` },
      { type: 'text', text: `${opener}\n1. 晚上九点前打卡` },
      { origin: 'scheduled' },
    ),
  )
}
let done = false
void Promise.all(posts).then(() => {
  done = true
})
while (!done) await timers.tickAsync(1000)
timers.uninstall()
const gaps = sends.slice(1).map((s, i) => s.at - (sends[i] as { at: number }).at)
const perRoomMinute = new Map<string, number[]>()
for (const s of sends) perRoomMinute.set(s.room, [...(perRoomMinute.get(s.room) ?? []), s.at])
const worstRoomRate = Math.max(
  ...[...perRoomMinute.values()].map((times) =>
    Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length)),
  ),
)
const repeats = sends.slice(1).filter((s, i) => s.text === (sends[i] as { text: string }).text).length
const spread = ((sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0)) / 60_000
console.log(
  `morning post to ${ROOMS} rooms with the shipped pacing (gap ${pacing.minGapMs} ms + jitter up to ${pacing.jitterMs} ms, ${pacing.perRoomPerMinute}/room/min):`,
)
console.log(
  `  ${sends.length} sent over ${spread.toFixed(1)} minutes; smallest gap ${Math.min(...gaps)} ms (never below ${pacing.minGapMs}: ${Math.min(...gaps) >= pacing.minGapMs ? 'met' : 'NOT MET'}); busiest room ${worstRoomRate} in a minute (≤ ${pacing.perRoomPerMinute}: ${worstRoomRate <= pacing.perRoomPerMinute ? 'met' : 'NOT MET'}); the same text twice in a row: ${repeats}`,
)
