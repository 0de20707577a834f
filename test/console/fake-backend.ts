import { parseConfig } from '../../src/config/load.js'
import type { ConsoleBackend } from '../../src/console/data.js'
import { type HighlightEntry, type HighlightsDesk, SOURCES } from '../../src/console/sources.js'
import { silentLogger } from '../../src/logger.js'
import { ManualClock } from '../../src/time/clock.js'

const TOPICS = ['早起', '读书', '跑步', '英语', '理财', '写作', '冥想', '编程']

/** A made-up highlight of room `room` written `daysAgo` days before `now`. */
export function madeUpEntry(
  id: number,
  room: number,
  at: Date,
  extra: Partial<HighlightEntry> = {},
): HighlightEntry {
  const topic = TOPICS[id % TOPICS.length] as string
  return {
    id: String(id),
    roomKey: `room-${room}@chatroom`,
    roomTopic: `训练营${room}组`,
    kind: id % 3 === 0 ? 'recap' : 'topic',
    summary: {
      title: `怎样坚持${topic}（第 ${id} 期）`,
      points: [`坚持${topic}的关键是固定时间`, '群里互相打卡监督很有效', `周末也别中断${topic}`],
      quotes: [{ speaker: `群友${id % 50}`, text: `我每天${topic}半小时，已经坚持三个月了` }],
      questions: ['假期怎么安排？'],
    },
    contributors: [
      { name: `群友${id % 50}`, messages: 5 },
      { name: `群友${(id + 7) % 50}`, messages: 3 },
    ],
    messageCount: 20 + (id % 30),
    offline: true,
    from: at.toISOString(),
    to: at.toISOString(),
    createdAt: at.toISOString(),
    status: id % 10 === 0 ? 'waiting' : 'posted',
    flagged: [],
    ...extra,
  }
}

/** A backend with only a highlights desk of the given entries (no bot): for sizes chat cannot reach quickly. */
export function fakeBackend(entries: HighlightEntry[], now: Date): ConsoleBackend {
  const byId = new Map(entries.map((e) => [e.id, e]))
  const desk = {
    records: () => [...byId.values()],
    get: (id: string) => byId.get(id),
    approve: async () => ({ ok: false as const, reason: 'not-found' as const, message: '' }),
    drop: async () => ({ ok: false as const, reason: 'not-found' as const, message: '' }),
    editLine: async () => ({ ok: false as const, reason: 'not-found' as const, message: '' }),
    retitle: async () => ({ ok: false as const, reason: 'not-found' as const, message: '' }),
  } satisfies HighlightsDesk
  const rooms = [...new Map(entries.map((e) => [e.roomKey, { key: e.roomKey, topic: e.roomTopic }])).values()]
  return {
    use: <T>(key: string) => (key === SOURCES.highlights ? (desk as T) : undefined),
    rooms: async () => rooms,
    clock: new ManualClock('Asia/Shanghai', now),
    outbox: { pending: () => [], dailyUsage: () => ({ sent: 0, cap: 300 }) },
    sendLog: { latest: () => [], sentOn: () => 0 },
    pacing: parseConfig({}).outbox,
    logger: silentLogger(),
  }
}
