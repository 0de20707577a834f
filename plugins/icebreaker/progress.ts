export interface RoomMember {
  key: string
  name: string
}

export interface Progress {
  total: number
  introduced: RoomMember[]
  pending: RoomMember[]
  giftsClaimed: RoomMember[]
}

// Chinese names sort by pinyin under the zh collator; the key breaks ties so the order is stable.
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true })

function byName(a: RoomMember, b: RoomMember): number {
  return collator.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
}

/**
 * Who in the room has introduced themselves and who has claimed a gift. Only `members` (the
 * current roster) count, so keys of people who left are ignored; `exclude` removes the bot and
 * the leaders. A key listed twice in the roster counts once.
 */
export function computeProgress(
  members: RoomMember[],
  introducedKeys: Set<string>,
  giftKeys: Set<string>,
  exclude: Set<string>,
): Progress {
  const seen = new Set<string>()
  const eligible = members.filter((member) => {
    if (exclude.has(member.key) || seen.has(member.key)) return false
    seen.add(member.key)
    return true
  })
  eligible.sort(byName)
  return {
    total: eligible.length,
    introduced: eligible.filter((member) => introducedKeys.has(member.key)),
    pending: eligible.filter((member) => !introducedKeys.has(member.key)),
    giftsClaimed: eligible.filter((member) => giftKeys.has(member.key)),
  }
}
