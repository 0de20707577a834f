import type { MemberRef, PluginFiles } from '../../src/index.js'

/** One check-in as stored: a line of the room's JSONL file, never rewritten. */
export interface CheckinRecord {
  member: MemberRef
  /** the check-in day (see `checkinDay`) */
  day: string
  /** ISO instant */
  time: string
  /** what was sent with it: text, or the shared link */
  text: string
}

/**
 * The rooms' check-ins: one append-only JSONL file per room in the plugin's folder, read back at start and
 * kept in memory as the days each member checked in.
 */
export class CheckinBook {
  readonly #days = new Map<string, Map<string, Set<string>>>()
  readonly #names = new Map<string, string>()

  constructor(private readonly files: PluginFiles) {}

  #fileOf(roomKey: string): string {
    return `checkins/${this.files.nameFor(roomKey)}.jsonl`
  }

  /** Reads every room's file; a torn last line (a crash mid-write) is skipped. */
  async load(roomKeys: string[], warn: (file: string, line: number) => void): Promise<void> {
    for (const roomKey of roomKeys) {
      const text = (await this.files.read(this.#fileOf(roomKey))) ?? ''
      for (const [i, line] of text.split('\n').entries()) {
        if (line.trim() === '') continue
        try {
          this.#remember(roomKey, JSON.parse(line) as CheckinRecord)
        } catch {
          warn(this.#fileOf(roomKey), i + 1)
        }
      }
    }
  }

  has(roomKey: string, memberKey: string, day: string): boolean {
    return this.#days.get(roomKey)?.get(memberKey)?.has(day) ?? false
  }

  daysOf(roomKey: string, memberKey: string): ReadonlySet<string> {
    return this.#days.get(roomKey)?.get(memberKey) ?? new Set()
  }

  /** Members of the room who checked in on `day`. */
  on(roomKey: string, day: string): string[] {
    return [...(this.#days.get(roomKey) ?? new Map<string, Set<string>>())]
      .filter(([, days]) => days.has(day))
      .map(([member]) => member)
  }

  async add(roomKey: string, record: CheckinRecord): Promise<void> {
    await this.files.append(this.#fileOf(roomKey), `${JSON.stringify(record)}\n`)
    this.#remember(roomKey, record)
  }

  #remember(roomKey: string, record: CheckinRecord): void {
    let room = this.#days.get(roomKey)
    if (!room) {
      room = new Map()
      this.#days.set(roomKey, room)
    }
    const days = room.get(record.member.key) ?? new Set<string>()
    days.add(record.day)
    room.set(record.member.key, days)
    this.#names.set(record.member.key, record.member.name)
  }
}
