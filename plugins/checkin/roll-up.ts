/** A check-in not yet acknowledged: it waits in the room's list (kept in the store) for the next roll-up. */
export interface Waiting {
  name: string
  streak: number
  /** the check-in day; lists written before days were kept have none and count as today's */
  day?: string
  /** came back after a gap of three days or more */
  back?: boolean
}

export interface StreakGroup {
  streak: number
  names: string[]
}

/** One message of a roll-up: who checked in, by streak, longest first. */
export interface RollupPart {
  /** check-ins of earlier days that waited overnight, acknowledged first */
  earlier: string[]
  groups: StreakGroup[]
  /** back after a gap */
  back: string[]
  /** check-ins named in this part */
  count: number
}

/**
 * A long roll-up folds behind 「全文」 in WeChat and is hard to find one's name in: past this many characters
 * the names go on in another message.
 */
export const ROLLUP_MAX_CHARS = 1500
/** A heading of a streak group, as it roughly reads in the template (🔥 连续 12 天：). */
const GROUP_CHARS = 12

/**
 * The waiting list as messages: earlier days' first, then today's by streak, split by length only when one
 * message would be too long. Every entry is named exactly once.
 */
export function rollupParts(
  waiting: readonly Waiting[],
  day: string,
  maxChars = ROLLUP_MAX_CHARS,
): RollupPart[] {
  const earlier = waiting.filter((w) => w.day !== undefined && w.day < day)
  const current = waiting.filter((w) => !(w.day !== undefined && w.day < day))
  const ordered: Array<{ kind: 'earlier' | 'back' | number; name: string }> = [
    ...earlier.map((w) => ({ kind: 'earlier' as const, name: w.name })),
    ...current
      .filter((w) => !w.back)
      .sort((a, b) => b.streak - a.streak)
      .map((w) => ({ kind: w.streak, name: w.name })),
    ...current.filter((w) => w.back).map((w) => ({ kind: 'back' as const, name: w.name })),
  ]
  // A name costs its length and a separator; the first of a group also its heading.
  const costOf = (i: number, opensPart: boolean) =>
    [...(ordered[i]?.name ?? '')].length +
    1 +
    (opensPart || ordered[i]?.kind !== ordered[i - 1]?.kind ? GROUP_CHARS : 0)
  const pack = (limit: number): RollupPart[] => {
    const parts: RollupPart[] = []
    let part = emptyPart()
    let chars = 0
    for (const [i, entry] of ordered.entries()) {
      if (part.count > 0 && chars + costOf(i, false) > limit) {
        parts.push(part)
        part = emptyPart()
        chars = 0
      }
      chars += costOf(i, part.count === 0)
      addTo(part, entry.kind, entry.name)
    }
    if (part.count > 0) parts.push(part)
    return parts
  }
  const greedy = pack(maxChars)
  if (greedy.length < 2) return greedy
  // As many messages as the length needs, filled evenly rather than full ones and a stub.
  let total = 0
  for (let i = 0; i < ordered.length; i++) total += costOf(i, false)
  const even = pack(Math.min(maxChars, Math.ceil(total / greedy.length) + 2 * GROUP_CHARS))
  return even.length === greedy.length ? even : greedy
}

function addTo(part: RollupPart, kind: 'earlier' | 'back' | number, name: string): void {
  part.count++
  if (kind === 'earlier') part.earlier.push(name)
  else if (kind === 'back') part.back.push(name)
  else {
    const group = part.groups.at(-1)
    if (group?.streak === kind) group.names.push(name)
    else part.groups.push({ streak: kind, names: [name] })
  }
}

function emptyPart(): RollupPart {
  return { earlier: [], groups: [], back: [], count: 0 }
}
