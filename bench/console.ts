import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseConfig } from '../src/config/load.js'
import { backendOf } from '../src/console/data.js'
import { type RunningConsole, startConsole } from '../src/console/server.js'
import { silentLogger } from '../src/logger.js'
import { bundledPlugins } from '../src/plugins.js'
import { Sandbox } from '../src/sandbox/sandbox.js'
import type { LogEntry } from '../src/store/log-entry.js'
import { Recorder } from '../src/store/recorder.js'
import { StateStore } from '../src/store/state-store.js'
import { localDate, shiftDay } from '../src/time/zoned.js'

/**
 * `npm run bench:console`: the console over a big community — 200 rooms of 40 members, six months of
 * highlights (two a week per room, ~10,400 in all) and six months of room logs for the figures — on the real
 * bot (sandbox, mock puppet, data on disk). Prints how long pages and API calls take to answer (goal: under
 * 200 ms). A benchmark, not a test: nothing fails when a number is over.
 *
 * Options: `--rooms N` (200), `--members N` (40), `--days N` (182), `--runs N` (15 answers per address).
 */
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const ROOMS = option('rooms', 200)
const MEMBERS = option('members', 40)
const DAYS = option('days', 182)
const RUNS = option('runs', 15)
const MESSAGES_PER_DAY = 12
const zone = 'Asia/Shanghai'
const now = new Date('2026-12-04T02:00:00Z')
const token = 'bench-console-token-0123456789'
const projectRoot = resolve(import.meta.dirname, '..')
const dataDir = mkdtempSync(join(tmpdir(), 'qunbot-console-bench-'))

let seed = 11
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed / 2 ** 31
}
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T

const TOPICS = [
  '早起',
  '读书',
  '跑步',
  '英语',
  '理财',
  '写作',
  '冥想',
  '编程',
  '摄影',
  '健身',
  '做饭',
  '时间管理',
]
const SAYINGS = [
  '坚持的关键是固定时间，每天同一时间做最容易养成习惯',
  '群里互相打卡监督很有效，有人看着就不好意思偷懒',
  '周末也别中断，哪怕只做十分钟也算数',
  '先定一个小目标，做到了再加量',
  '记录下来回头看，能看到自己的进步',
  '累了就休息一天，别因为一次中断就放弃',
]

const topicOf = (room: number) => `训练营${room}组`

async function seedWorld(): Promise<Array<{ key: string; topic: string; members: string[] }>> {
  const rooms = Array.from({ length: ROOMS }, (_, r) => ({
    topic: topicOf(r + 1),
    owner: `组长${r + 1}`,
    members: [`组长${r + 1}`, ...Array.from({ length: MEMBERS - 1 }, (_, m) => `学员${r + 1}-${m + 1}`)],
  }))
  mkdirSync(join(dataDir, 'sandbox'), { recursive: true })
  writeFileSync(join(dataDir, 'sandbox', 'world.json'), JSON.stringify({ rooms }))
  // One start to learn the rooms' and members' keys as the bot sees them.
  const sandbox = await start()
  const directory = sandbox.bot.directory
  const known = []
  for (const room of await directory.list()) {
    known.push({ ...room, members: (await directory.members(room.key)).map((m) => m.key) })
  }
  await sandbox.stop()
  return known
}

function start(): Promise<Sandbox> {
  return Sandbox.start({
    config: parseConfig({ console: { port: 0 } }),
    dataDir,
    projectRoot,
    plugins: bundledPlugins([]),
    logger: silentLogger(),
    startAt: now,
  })
}

async function seedState(rooms: Array<{ key: string; topic: string; members: string[] }>): Promise<number> {
  const store = new StateStore(join(dataDir, 'state'))
  const highlights = (await store.open('highlights')).table('highlights')
  const counter = (await store.open('highlights')).table<number>('counter')
  const joins = (await store.open('figures')).table<Record<string, string>>('joins')
  const today = localDate(now, zone)
  let id = 0
  for (const room of rooms) {
    await joins.set(
      room.key,
      Object.fromEntries(room.members.map((m) => [m, shiftDay(today, -Math.floor(random() * DAYS))])),
    )
    for (let day = DAYS - 1; day >= 0; day -= 3 + Math.floor(random() * 2)) {
      id++
      const at = new Date(now.getTime() - day * 86_400_000 - Math.floor(random() * 36_000_000))
      const topic = pick(TOPICS)
      const speaker = () => `学员-${Math.floor(random() * MEMBERS)}`
      await highlights.set(String(id), {
        id: String(id),
        roomKey: room.key,
        roomTopic: room.topic,
        kind: random() < 0.7 ? 'topic' : 'recap',
        summary: {
          title: `怎样坚持${topic}`,
          points: [`${topic}：${pick(SAYINGS)}`, pick(SAYINGS), pick(SAYINGS)],
          quotes: [{ speaker: speaker(), text: `我每天${topic}半小时，${pick(SAYINGS)}` }],
          questions: [`假期里${topic}怎么安排？`],
          contributors: [],
        },
        contributors: [
          { name: speaker(), key: room.members[1], messages: 8 },
          { name: speaker(), key: room.members[2], messages: 5 },
        ],
        messageCount: 20 + Math.floor(random() * 80),
        offline: true,
        from: at.toISOString(),
        to: at.toISOString(),
        createdAt: at.toISOString(),
        by: { key: room.members[0], name: '组长' },
        status: random() < 0.03 ? 'waiting' : 'posted',
        flagged: [],
      })
    }
  }
  await counter.set('next', id)
  await store.close()
  return id
}

async function seedLogs(rooms: Array<{ key: string; topic: string; members: string[] }>): Promise<number> {
  const recorder = new Recorder({ dir: join(dataDir, 'logs'), timeZone: zone })
  let lines = 0
  // Figures read the last 60 days; the older months are there as a real community's would be.
  for (let day = DAYS - 1; day >= 0; day--) {
    const dayStart = now.getTime() - day * 86_400_000 - 8 * 3_600_000
    for (const room of rooms) {
      for (let i = 0; i < MESSAGES_PER_DAY; i++) {
        const member = room.members[Math.floor(room.members.length * random() ** 2)] as string
        const entry: LogEntry = {
          id: `m${day}-${room.key}-${i}`,
          roomKey: room.key,
          senderKey: member,
          senderName: member,
          text: pick(SAYINGS),
          time: new Date(dayStart + i * 600_000).toISOString(),
          kind: 'text',
        }
        recorder.append(entry)
        lines++
      }
    }
    await recorder.flush()
  }
  await recorder.close()
  return lines
}

async function timed(running: RunningConsole, path: string, headers: Record<string, string>) {
  const times: number[] = []
  let status = 0
  let bytes = 0
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    const response = await fetch(`${running.url}${path}`, { headers })
    bytes = (await response.arrayBuffer()).byteLength
    times.push(performance.now() - started)
    status = response.status
  }
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
  return { path, status, bytes, first: times[0] as number, median: at(0.5), p95: at(0.95) }
}

const t0 = performance.now()
const rooms = await seedWorld()
const highlightCount = await seedState(rooms)
const logLines = await seedLogs(rooms)
process.stderr.write(
  `seeded ${rooms.length} rooms × ${MEMBERS} members, ${highlightCount} highlights, ${logLines} log lines over ${DAYS} days in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
)

const sandbox = await start()
const indexStart = performance.now()
const running = await startConsole(backendOf(sandbox.bot), { port: 0, host: '127.0.0.1', admins: [], token })
await running.data.highlights()
const indexMs = performance.now() - indexStart
const login = await fetch(`${running.url}/login`, {
  method: 'POST',
  body: new URLSearchParams({ name: '运营', token }),
  redirect: 'manual',
})
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string
const page = { cookie }
const api = { authorization: `Bearer ${token}` }
const room = rooms[Math.floor(rooms.length / 2)] as { key: string; topic: string }
const q = (text: string) => encodeURIComponent(text)

const results = [
  await timed(running, '/highlights', page),
  await timed(running, `/highlights?q=${q('坚持冥想')}`, page),
  await timed(running, `/highlights?q=${q('打卡监督')}&room=${q(room.topic)}`, page),
  await timed(running, `/highlights?from=2026-09-01&to=2026-09-30&topic=${q('跑步')}&page=3`, page),
  await timed(running, '/highlights/5000', page),
  await timed(running, '/review', page),
  await timed(running, '/rooms', page),
  await timed(running, `/rooms/${q(room.key)}`, page),
  await timed(running, '/outbox', page),
  await timed(running, `/api/highlights?q=${q('早起')}&size=100`, api),
  await timed(running, '/api/highlights?page=999999', api),
  await timed(running, `/api/rooms/${q(room.topic)}/figures`, api),
  await timed(running, `/api/highlights/export?format=csv&room=${q(room.topic)}`, api),
  await timed(running, `/api/highlights/export?format=md&q=${q('理财')}`, api),
  await timed(running, '/api/highlights/export?format=csv', api),
  await timed(running, '/api/highlights/export?format=md', api),
]

const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`
console.log(`\nconsole bench: ${rooms.length} rooms, ${highlightCount} highlights, ${logLines} log lines`)
console.log(`search index built in ${(indexMs / 1000).toFixed(2)} s (in the background at start-up)\n`)
console.log(`${'address'.padEnd(60)} status     first    median       p95       size  goal`)
for (const r of results) {
  const goal = r.median < 200 ? 'ok' : 'OVER'
  console.log(
    `${decodeURIComponent(r.path)
      .slice(0, 60)
      .padEnd(
        74 - 14,
      )} ${String(r.status).padStart(6)} ${ms(r.first)} ${ms(r.median)} ${ms(r.p95)} ${`${(r.bytes / 1024).toFixed(0)} KB`.padStart(10)}  ${goal}`,
  )
}
console.log(`\n(${RUNS} answers per address; goal: median under 200 ms)`)
await running.close()
await sandbox.stop()
process.exit(0)
