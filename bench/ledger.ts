import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { Ledger } from '../src/points/ledger.js'
import { ManualClock } from '../src/time/clock.js'
import { startOfWeek } from '../src/time/zoned.js'

/**
 * `npm run bench:ledger`: the points ledger at scale: 1,000,000 entries over 200 rooms × 500 members, written to
 * real files. Prints the cost of one `add` as the ledger grows (it should stay flat), the time of a room's
 * `/排行榜` (all-time and this week; target < 50 ms), the longest write (one turn's entries, every room; target
 * < 10 ms), and how long reading it all back takes at start. The event loop's longest delay is printed beside an
 * idle loop's over the same time: on a shared machine both include stalls that are not the ledger's.
 */
const ROOMS = 200
const MEMBERS = 500
const TOTAL = 1_000_000
// Entries added in one turn of the event loop: a hundred members checking in at the same moment is a lot.
const BATCH = 100
const checkpoints = new Set([10_000, 100_000, 1_000_000])

const dir = mkdtempSync(join(tmpdir(), 'qunbot-ledger-'))
const clock = new ManualClock('Asia/Shanghai', new Date('2026-09-01T00:00:00Z'))
const ledger = await Ledger.open(dir, clock)

// Each end-of-turn write, timed from the inside: the ledger writes in a private method, wrapped here.
const writes = createHistogram()
const prototype = Ledger.prototype as unknown as Record<string, () => void>
const writePending = prototype.writePending as () => void
prototype.writePending = function timedWrite(this: Ledger) {
  const started = performance.now()
  try {
    writePending.call(this)
  } finally {
    writes.record(Math.max(1, Math.round((performance.now() - started) * 1000)))
  }
}

/** The longest event-loop delay of a loop doing nothing for `ms`: what the machine alone shows. */
async function idleDelay(ms: number): Promise<number> {
  const idle = monitorEventLoopDelay({ resolution: 1 })
  idle.enable()
  const until = performance.now() + ms
  while (performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 1))
  idle.disable()
  return idle.max / 1e6
}

const delay = monitorEventLoopDelay({ resolution: 1 })
delay.enable()
const writingStarted = performance.now()

const members = Array.from({ length: MEMBERS }, (_, i) => ({ key: `wxid_${i}`, name: `成员${i}` }))
let added = 0
let windowStart = performance.now()
let windowCount = 0
while (added < TOTAL) {
  // A day of activity every 10,000 entries: rankings "since Monday" then read a realistic tail.
  if (added % 10_000 === 0) clock.set(new Date(clock.now().getTime() + 86_400_000))
  const pending: Promise<number>[] = []
  for (let i = 0; i < BATCH; i++, added++) {
    const member = members[(added * 7919) % MEMBERS] as { key: string; name: string }
    pending.push(ledger.add(`room_${added % ROOMS}@chatroom`, member, 1 + (added % 10), '猜谜答对', 'games'))
  }
  await Promise.all(pending)
  windowCount += BATCH
  // The first entries warm the code up (and create 200 files); blocking is measured after them.
  if (added === 10_000) {
    delay.reset()
    writes.reset()
  }
  if (checkpoints.has(added)) {
    const micros = ((performance.now() - windowStart) * 1000) / windowCount
    console.log(
      `add, around ${added.toLocaleString('en-US')} entries: ${micros.toFixed(2)} µs per entry (written, batched per turn)`,
    )
    windowStart = performance.now()
    windowCount = 0
  }
}
delay.disable()
const writingMs = performance.now() - writingStarted
console.log(
  `longest write (one turn's entries, after the first 10,000): ${(writes.max / 1000).toFixed(1)} ms, p99 ${(writes.percentile(99) / 1000).toFixed(2)} ms over ${writes.count.toLocaleString('en-US')} writes (target < 10 ms)`,
)
const idle = await idleDelay(Math.min(writingMs, 15_000))
console.log(
  `longest event-loop delay while writing: ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms; an idle loop here: ${idle.toFixed(1)} ms`,
)

const room = 'room_7@chatroom'
let started = performance.now()
ledger.ranking(room, { limit: 10 })
const allTime = performance.now() - started
started = performance.now()
ledger.ranking(room, { since: startOfWeek(clock.now(), clock.timeZone), limit: 10 })
const week = performance.now() - started
console.log(
  `/排行榜 in a room of ${(TOTAL / ROOMS).toLocaleString('en-US')} entries: all-time ${allTime.toFixed(2)} ms, this week ${week.toFixed(2)} ms (target < 50 ms)`,
)

started = performance.now()
const reopened = await Ledger.open(dir, clock)
console.log(
  `read back at start: ${(performance.now() - started).toFixed(0)} ms for ${TOTAL.toLocaleString('en-US')} entries`,
)
console.log(
  `balance check: ${reopened.balance(room, 'wxid_0') === ledger.balance(room, 'wxid_0') ? 'same' : 'DIFFERENT'}`,
)
