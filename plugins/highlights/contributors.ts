import type { Turn } from './highlight.js'

/** The longest name a summary may carry (the summary schema's limit). */
export const MAX_NAME_CHARS = 40

/** A name as a summary may carry it: trimmed, at most 40 characters, or '' when there is none. */
export function displayName(name: unknown): string {
  if (typeof name !== 'string') return ''
  return Array.from(name.trim()).slice(0, MAX_NAME_CHARS).join('')
}

/**
 * The speakers' names, most messages first; ties keep the order in which they first spoke. A member is
 * known by `speakerKey` when given (names change mid-discussion), shown by the last name seen. Every message
 * counts, images included: the caller counts the same way.
 */
export function contributorNames(turns: readonly Turn[]): string[] {
  const members = new Map<string, { name: string; messages: number; first: number }>()
  turns.forEach((turn, index) => {
    const name = displayName(turn.speaker)
    if (name.length === 0) return
    const key = turn.speakerKey ? `key:${turn.speakerKey}` : `name:${name}`
    const member = members.get(key)
    if (member) {
      member.messages += 1
      member.name = name
    } else {
      members.set(key, { name, messages: 1, first: index })
    }
  })
  const ranked = [...members.values()].sort((a, b) => b.messages - a.messages || a.first - b.first)
  // Two members may share a display name: the summary lists it once.
  return [...new Set(ranked.map((member) => member.name))]
}
