import type { HistoryEntry } from '../../src/index.js'
import type { Contributor, Turn } from './highlight.js'

/** What a discussion is made of: members' words (commands and the bot's own messages left out). */
export interface Discussion {
  turns: Turn[]
  /** by messages sent, most first; images and stickers count, they are taking part too */
  contributors: Contributor[]
  /** every member message, text or not */
  messageCount: number
  from?: Date
  to?: Date
}

const isCommand = (text: string) => /^\s*[/／]/u.test(text)

export function discussionOf(
  entries: HistoryEntry[],
  /** messages that are not part of the talk, such as check-ins */
  aside: (text: string) => boolean = () => false,
): Discussion {
  const members = entries.filter(
    (e) => !e.bot && !(e.kind === 'text' && (isCommand(e.text) || aside(e.text))),
  )
  const counts = new Map<string, Contributor>()
  for (const entry of members) {
    const known = counts.get(entry.sender.key)
    if (known) {
      known.messages++
      known.name = entry.sender.name
      known.lastPosition = entry.position
    } else
      counts.set(entry.sender.key, {
        name: entry.sender.name,
        key: entry.sender.key,
        messages: 1,
        lastPosition: entry.position,
      })
  }
  // Ties keep the order people first spoke in (the sort is stable).
  const contributors = [...counts.values()].sort((a, b) => b.messages - a.messages)
  const turns = members
    .filter((e) => e.kind === 'text' && e.text.trim() !== '')
    .map((e) => ({
      speaker: e.sender.name,
      speakerKey: e.sender.key,
      text: e.text,
      time: e.time.toISOString(),
    }))
  return {
    turns,
    contributors,
    messageCount: members.length,
    from: members[0]?.time,
    to: members[members.length - 1]?.time,
  }
}

/**
 * An exported chat for the command line: `{"turns":[{"speaker","text"}]}` (other fields ignored), or lines of
 * `NAME: text` (full-width colon too). Lines that are neither continue the previous speaker's message.
 */
export function parseTranscript(text: string): Turn[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed.startsWith('{')) {
    const value = JSON.parse(trimmed) as { turns?: unknown }
    if (!Array.isArray(value.turns)) throw new Error('no "turns" array in it')
    return value.turns.flatMap((turn) => {
      const { speaker, text: said } = (turn ?? {}) as { speaker?: unknown; text?: unknown }
      return typeof speaker === 'string' && typeof said === 'string' && speaker.trim() !== ''
        ? [{ speaker: speaker.trim(), text: said }]
        : []
    })
  }
  const turns: Turn[] = []
  for (const line of trimmed.split(/\r?\n/)) {
    const match = /^([^:：]{1,40})[:：]\s?(.*)$/u.exec(line)
    if (match) turns.push({ speaker: (match[1] as string).trim(), text: match[2] as string })
    else if (line.trim() !== '' && turns.length > 0) {
      const last = turns[turns.length - 1] as Turn
      last.text += `\n${line}`
    }
  }
  return turns
}
