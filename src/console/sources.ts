/**
 * What the ops console reads and does, as narrow APIs the plugins `provide` under these keys. The console
 * never opens a plugin's files or tables: a plugin that is off simply provides nothing, and its part of the
 * console says so.
 */
export const SOURCES = {
  highlights: 'highlights.desk',
  figures: 'figures.byRoom',
  notices: 'notices.timetable',
  todos: 'todos.timetable',
  checkin: 'checkin.timetable',
} as const

/** A highlight as the console shows it (the fields of the plugin's stored record that the console reads). */
export interface HighlightEntry {
  readonly id: string
  readonly roomKey: string
  readonly roomTopic: string
  readonly kind: 'topic' | 'recap'
  readonly summary: {
    readonly title: string
    readonly points: readonly string[]
    readonly quotes: ReadonlyArray<{ readonly speaker: string; readonly text: string }>
    readonly questions: readonly string[]
  }
  readonly contributors: ReadonlyArray<{ readonly name: string; readonly messages: number }>
  readonly messageCount: number
  readonly offline: boolean
  /** ISO instants of the first and last message summarised, and of writing */
  readonly from: string
  readonly to: string
  readonly createdAt: string
  readonly status: 'waiting' | 'posted' | 'dropped'
  readonly flagged: readonly string[]
  readonly reviewedBy?: string
  readonly reviewedAt?: string
}

/** A review action's result: the changed highlight, or why nothing changed, in the plugin's own words. */
export type ReviewOutcome =
  | { ok: true; entry: HighlightEntry }
  | { ok: false; reason: 'not-found' | 'not-waiting' | 'bad-line' | 'empty-title'; message: string }

/**
 * The highlights plugin's desk: every room's highlights and the same review queue as `/精华 审核`, so an
 * approval in the console is an approval in chat and the other way round.
 */
export interface HighlightsDesk {
  /**
   * Every highlight as stored. An unchanged highlight is the same object from call to call (a change stores
   * a new one), so a reader can keep work done per highlight.
   */
  records(): readonly HighlightEntry[]
  /** One highlight with names as members may see them (those who asked not to be quoted, anonymous). */
  get(id: string): HighlightEntry | undefined
  approve(id: string, by: string): Promise<ReviewOutcome>
  drop(id: string, by: string): Promise<ReviewOutcome>
  /** Line N as the review numbers it: the points first, then the quotes; empty text removes the line. */
  editLine(id: string, line: number, text: string, by: string): Promise<ReviewOutcome>
  /** A new title; an empty one is refused. */
  retitle(id: string, title: string, by: string): Promise<ReviewOutcome>
}

/** A room's figures, as `/数据` computes them. Percentages are whole numbers; undefined when not known. */
export interface RoomFigures {
  members: number
  newThisWeek: number
  activeToday: number
  active7: number
  silent7: number
  churned60: number
  checkinRate?: number
  /** share of joiners active on day N after joining, among those who joined long enough ago; undefined when none */
  retention: { day1?: number; day7?: number; day30?: number; joiners: number }
}

export interface FiguresSource {
  of(roomKey: string): Promise<RoomFigures>
}

/** A room's notices on a timetable. `next` is the ISO instant of the next run. */
export interface NoticesTimetable {
  of(roomKey: string): Array<{ id: string; label: string; text: string; next?: string }>
}

/** A room's to-do routine and today's list. */
export interface TodosTimetable {
  of(roomKey: string): {
    cleanupAt: string
    morningAt: string
    nextCleanup?: string
    nextMorning?: string
    today: Array<{ id: number; text: string; due?: string; assignee?: string; done: boolean; daily: boolean }>
  }
}

/** A room's check-in reminder: the agreed time (none yet), its next run, a ballot still open. */
export interface CheckinTimetable {
  of(roomKey: string): { time?: string; next?: string; ballot?: { options: string[]; votes: number } }
}
