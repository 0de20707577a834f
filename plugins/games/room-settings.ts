import { normalizeForMatch } from '../../src/text/normalize.js'

/** What a leader tunes per room with `/游戏 设置`; unset values fall back to the plugin's config. */
export interface RoomSettings {
  dailyRounds: number
  timeLimitSeconds: number
  samePinyin: boolean
}

export const LIMITS = {
  dailyRounds: { min: 1, max: 50 },
  timeLimitSeconds: { min: 10, max: 600 },
  questions: { min: 1, max: 20 },
} as const

export type SettingChange =
  | { ok: true; key: keyof RoomSettings; value: number | boolean }
  | { ok: false; problem: 'unknown-key' | 'bad-number' | 'bad-switch'; min?: number; max?: number }

const KEYS: Record<string, keyof RoomSettings> = {
  每日: 'dailyRounds',
  每天: 'dailyRounds',
  次数: 'dailyRounds',
  daily: 'dailyRounds',
  时限: 'timeLimitSeconds',
  时间: 'timeLimitSeconds',
  限时: 'timeLimitSeconds',
  time: 'timeLimitSeconds',
  同音: 'samePinyin',
  拼音: 'samePinyin',
  pinyin: 'samePinyin',
}

const ON = new Set(['开', '开启', '打开', '是', 'on', 'yes', 'true', '1'])
const OFF = new Set(['关', '关闭', '否', 'off', 'no', 'false', '0'])

/** Reads `每日 5`, `时限 90`, `同音 开` (full-width digits and traditional characters too). */
export function parseSettingChange(keyWord: string, valueWord: string | undefined): SettingChange {
  const key = KEYS[normalizeForMatch(keyWord)]
  if (!key) return { ok: false, problem: 'unknown-key' }
  const value = normalizeForMatch(valueWord ?? '')
  if (key === 'samePinyin') {
    if (ON.has(value)) return { ok: true, key, value: true }
    if (OFF.has(value)) return { ok: true, key, value: false }
    return { ok: false, problem: 'bad-switch' }
  }
  const { min, max } = LIMITS[key]
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < min || n > max) return { ok: false, problem: 'bad-number', min, max }
  return { ok: true, key, value: n }
}

export type CountChoice =
  | { ok: true; count: number; capped: boolean }
  | { ok: false; min: number; max: number }

/** The N of `/猜谜 N`: missing → the default; past the maximum → capped (and said so); not a number → refused. */
export function parseQuestionCount(word: string | undefined, fallback: number): CountChoice {
  const { min, max } = LIMITS.questions
  if (word === undefined) return { ok: true, count: Math.min(fallback, max), capped: false }
  const value = normalizeForMatch(word)
  if (!/^\d+$/.test(value) || Number(value) < min) return { ok: false, min, max }
  const n = Number(value)
  return n > max ? { ok: true, count: max, capped: true } : { ok: true, count: n, capped: false }
}

/** Rounds started in a room on one local day: games are seasoning, not the meal. */
export interface DailyCount {
  day: string
  rounds: number
}

export function roundsToday(record: DailyCount | undefined, today: string): number {
  return record?.day === today ? record.rounds : 0
}

export function countRound(record: DailyCount | undefined, today: string): DailyCount {
  return { day: today, rounds: roundsToday(record, today) + 1 }
}
