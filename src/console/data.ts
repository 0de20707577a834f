import type { OutboxConfig } from '../config/schema.js'
import type { Logger } from '../logger.js'
import type { SendLogEntry } from '../outbox/send-log.js'
import type { OutgoingMessage } from '../outbox/types.js'
import type { GroupBot } from '../runtime/bot.js'
import type { Clock } from '../time/clock.js'
import { pageOf } from './query.js'
import { type Filters, HighlightCatalog } from './search.js'
import {
  type CheckinTimetable,
  type FiguresSource,
  type HighlightEntry,
  type HighlightsDesk,
  type NoticesTimetable,
  type RoomFigures,
  SOURCES,
  type TodosTimetable,
} from './sources.js'

/** What the console needs of the running bot: the plugins' shared APIs, the rooms, the outbox, the clock. */
export interface ConsoleBackend {
  use<T>(key: string): T | undefined
  rooms(): Promise<Array<{ key: string; topic: string }>>
  clock: Clock
  outbox: { pending(): OutgoingMessage[]; dailyUsage(): { sent: number; cap: number } }
  sendLog: { latest(limit?: number): SendLogEntry[]; sentOn(atMs: number): number }
  pacing: OutboxConfig
  logger: Logger
}

/** The running bot as the console sees it: the same process, the same store, nothing copied. */
export function backendOf(bot: GroupBot): ConsoleBackend {
  const { config, clock, logger } = bot.options
  return {
    use: (key) => bot.host.use(key),
    // Before the account has logged in there are no rooms to list yet, rather than an error page.
    rooms: () => bot.directory.list().catch(() => []),
    clock,
    outbox: bot.outbox,
    sendLog: bot.sendLog,
    pacing: config.outbox,
    logger: logger.child({ part: 'console' }),
  }
}

export interface RoomRef {
  key: string
  topic: string
}

/** The console's reads, each through a plugin's shared API or the core's own parts. */
const PREVIEW_CHARS = 80

/**
 * A message as the outbox page lists it: its first characters as a reader counts them (an emoji is one, never
 * split), or, for an image, its file name (the template says it is a picture).
 */
function previewOf(body: OutgoingMessage['body']): { preview: string; image?: string } {
  if (body.type === 'image') return { preview: '', image: body.name ?? '' }
  const text = body.text
  if (text.length <= PREVIEW_CHARS) return { preview: text }
  return {
    preview: Array.from(text.slice(0, PREVIEW_CHARS * 2))
      .slice(0, PREVIEW_CHARS)
      .join(''),
  }
}

export class ConsoleData {
  private catalog?: HighlightCatalog
  private warming?: Promise<void>

  constructor(readonly backend: ConsoleBackend) {}

  get timeZone(): string {
    return this.backend.clock.timeZone
  }

  desk(): HighlightsDesk | undefined {
    return this.backend.use<HighlightsDesk>(SOURCES.highlights)
  }

  /**
   * The searchable catalogue, brought up to date with the desk; undefined when the plugin is off. The first
   * call builds the index a slice at a time (thousands of highlights take seconds), so the chat never waits.
   */
  async highlights(): Promise<HighlightCatalog | undefined> {
    const desk = this.desk()
    if (!desk) return undefined
    if (!this.catalog) {
      const catalog = new HighlightCatalog(this.timeZone, (id) => this.desk()?.get(id))
      this.catalog = catalog
      this.warming = catalog.warm(desk.records())
    }
    await this.warming
    this.catalog.sync(desk.records())
    return this.catalog
  }

  async select(filters: Filters): Promise<HighlightEntry[]> {
    return (await this.highlights())?.find(filters) ?? []
  }

  async selectPage(filters: Filters, page: number, size: number) {
    return pageOf(await this.select(filters), page, size)
  }

  /** A highlight with names as members may see them. */
  entry(id: string): HighlightEntry | undefined {
    return /^\d{1,12}$/.test(id) ? this.desk()?.get(id) : undefined
  }

  waiting(): Promise<HighlightEntry[]> {
    return this.select({ status: 'waiting' })
  }

  /** Every room the bot is in, and those it has highlights of, by name. */
  async rooms(): Promise<RoomRef[]> {
    const rooms = new Map<string, RoomRef>()
    for (const room of await this.backend.rooms()) rooms.set(room.key, room)
    for (const entry of this.desk()?.records() ?? []) {
      if (!rooms.has(entry.roomKey)) rooms.set(entry.roomKey, { key: entry.roomKey, topic: entry.roomTopic })
    }
    return [...rooms.values()].sort((a, b) => a.topic.localeCompare(b.topic, 'zh-Hans-CN'))
  }

  /** A room by its key or its name. */
  async room(keyOrTopic: string): Promise<RoomRef | undefined> {
    const rooms = await this.rooms()
    return rooms.find((r) => r.key === keyOrTopic) ?? rooms.find((r) => r.topic === keyOrTopic)
  }

  async figures(roomKey: string): Promise<RoomFigures | undefined> {
    return this.backend.use<FiguresSource>(SOURCES.figures)?.of(roomKey)
  }

  schedules(roomKey: string) {
    const use = <T>(key: string) => this.backend.use<T>(key)
    return {
      notices: use<NoticesTimetable>(SOURCES.notices)?.of(roomKey),
      todos: use<TodosTimetable>(SOURCES.todos)?.of(roomKey),
      checkin: use<CheckinTimetable>(SOURCES.checkin)?.of(roomKey),
    }
  }

  /** The outbox: what waits, today's sends against the cap, the pacing, the latest events. */
  async outbox() {
    const { outbox, sendLog, pacing, clock } = this.backend
    const topics = new Map((await this.rooms()).map((r) => [r.key, r.topic]))
    const usage = outbox.dailyUsage()
    const where = (target: OutgoingMessage['target']) =>
      target.kind === 'room'
        ? { room: true, name: topics.get(target.roomKey) ?? target.roomKey }
        : { room: false, name: target.memberKey }
    return {
      pending: outbox.pending().map((m) => ({ ...m, to: where(m.target), ...previewOf(m.body) })),
      // Without a cap the outbox does not count; the send log does, for this process.
      sentToday: usage.cap > 0 ? usage.sent : sendLog.sentOn(clock.nowMs()),
      cap: usage.cap,
      pacing,
      log: sendLog.latest(100).map((e) => ({ ...e, to: where(e.target), ...previewOf(e.body) })),
    }
  }
}
