import type { RoomFigures } from '../../src/index.js'
import { shiftDay } from '../../src/time/zoned.js'

/** What the figures are computed from: the room as it is, and what its log and join records say. */
export interface FigureInputs {
  /** current members' keys */
  members: string[]
  /** join days (local) of the members the bot saw join */
  joinedOn: Map<string, string>
  /** local days each member sent something (the bot's own messages left out) */
  activeDays: Map<string, Set<string>>
  /** members who checked in today, when the check-in plugin is on */
  checkedInToday?: Set<string>
  today: string
  /** the first day of this week (Monday) */
  weekStart: string
  /**
   * the day the bot's record of the room starts, when recent: a member not seen joining counts from then, so
   * a room watched for two days has nobody "silent for 7 days"
   */
  watchedSince?: string
}

/** The figures as the core shares them with the ops console (`RoomFigures`): one shape for chat and console. */
export type Figures = RoomFigures

function activeWithin(days: Set<string> | undefined, from: string, to: string): boolean {
  if (!days) return false
  for (const day of days) if (day >= from && day <= to) return true
  return false
}

const percent = (part: number, whole: number) => (whole === 0 ? undefined : Math.round((part / whole) * 100))

/**
 * The room's figures, as the source article defines them for an IM group: active = sent anything that day;
 * silent = a member with nothing in the last 7 days; churned = a member with nothing in two months (60 days)
 * who has been here that long; retention day N = joiners active on the Nth day after they joined.
 */
export function computeFigures(input: FigureInputs): Figures {
  const { members, joinedOn, activeDays, today } = input
  const weekAgo = shiftDay(today, -6)
  const sixtyAgo = shiftDay(today, -59)
  const been = (member: string, days: number) => {
    const joined = joinedOn.get(member) ?? input.watchedSince
    return joined === undefined || joined <= shiftDay(today, -days + 1)
  }
  const active7 = members.filter((m) => activeWithin(activeDays.get(m), weekAgo, today))
  const retention = (n: number) => {
    const eligible = members.filter((m) => {
      const joined = joinedOn.get(m)
      return joined !== undefined && shiftDay(joined, n) <= today
    })
    const kept = eligible.filter((m) => activeDays.get(m)?.has(shiftDay(joinedOn.get(m) as string, n)))
    return percent(kept.length, eligible.length)
  }
  return {
    members: members.length,
    newThisWeek: members.filter((m) => (joinedOn.get(m) ?? '') >= input.weekStart).length,
    activeToday: members.filter((m) => activeDays.get(m)?.has(today)).length,
    active7: active7.length,
    silent7: members.filter((m) => been(m, 7) && !active7.includes(m)).length,
    churned60: members.filter((m) => been(m, 60) && !activeWithin(activeDays.get(m), sixtyAgo, today)).length,
    checkinRate: input.checkedInToday
      ? percent(members.filter((m) => input.checkedInToday?.has(m)).length, members.length)
      : undefined,
    retention: {
      day1: retention(1),
      day7: retention(7),
      day30: retention(30),
      joiners: members.filter((m) => joinedOn.has(m)).length,
    },
  }
}
