import type { MemberRef, TextBody } from './types.js'

/**
 * A message that @-mentions dozens of people at once is a classic spam signal, so mentions are capped per
 * message and the rest go out in follow-up messages.
 */

/** Splits members into batches of at most `max` (0 = one batch), dropping repeated keys. */
export function mentionBatches(members: MemberRef[], max: number): MemberRef[][] {
  const unique = dedupe(members)
  if (unique.length === 0) return []
  if (max <= 0 || unique.length <= max) return [unique]
  const batches: MemberRef[][] = []
  for (let i = 0; i < unique.length; i += max) batches.push(unique.slice(i, i + max))
  return batches
}

/**
 * The first message keeps the text and the first `max` mentions; inline '@Name' of everyone else is taken
 * out of it, so nobody is @-ed without being in the mention list. Each further message is '@A @B …' only.
 */
export function splitMentions(body: TextBody, max: number): TextBody[] {
  const mentions = body.mentions
  if (!mentions || max <= 0 || mentions.length <= max) return [body]
  const [first = [], ...rest] = mentionBatches(mentions, max)
  if (rest.length === 0) return [{ ...body, mentions: first }]
  const kept = new Set(first.map((m) => m.name))
  const names = [...new Set(mentions.map((m) => m.name))].sort((a, b) => b.length - a.length)
  let text = removeInlineMentions(body.text, names, kept)
  if (text === '') text = mentionText(first)
  return [
    { type: 'text', text, mentions: first },
    ...rest.map((batch): TextBody => ({ type: 'text', text: mentionText(batch), mentions: batch })),
  ]
}

function mentionText(batch: MemberRef[]): string {
  return batch.map((m) => `@${m.name}`).join(' ')
}

function dedupe(members: MemberRef[]): MemberRef[] {
  const seen = new Set<string>()
  return members.filter((m) => !seen.has(m.key) && seen.add(m.key))
}

/**
 * Walks the '@'s of the text. At each one the longest mentioned name wins (so '@Li' never cuts into
 * '@Li Lei'); names not in `kept` are removed together with the space WeChat puts after a mention.
 */
function removeInlineMentions(text: string, namesLongestFirst: string[], kept: Set<string>): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const at = text.indexOf('@', i)
    if (at < 0) break
    out += text.slice(i, at)
    const name = namesLongestFirst.find((n) => n !== '' && text.startsWith(n, at + 1))
    if (name === undefined || kept.has(name)) {
      out += text.slice(at, at + 1 + (name?.length ?? 0))
      i = at + 1 + (name?.length ?? 0)
      continue
    }
    i = at + 1 + name.length
    if (/\s/.test(text.charAt(i))) i++
  }
  out += text.slice(i)
  return out.trimEnd()
}

/** What WeChat puts after a mention (U+2005, a four-per-em space): it ends the name for every client. */
export const MENTION_END = '\u2005'

/**
 * Ends every `@Name` of a mentioned member with WeChat's mention separator, so a template that puts the
 * name right before other text (`{新人}{群名}`) reads 「@新人A 训练营1组」, not 「@新人A训练营1组」. A plain
 * space after the name becomes the separator; longer names are matched first (`@Li Lei` before `@Li`).
 */
export function separateMentions(text: string, members: readonly MemberRef[]): string {
  const names = [...new Set(members.map((m) => m.name))]
    .filter((n) => n !== '')
    .sort((a, b) => b.length - a.length)
  if (names.length === 0) return text
  let out = ''
  let i = 0
  while (i < text.length) {
    const at = text.indexOf('@', i)
    if (at < 0) break
    const name = names.find((n) => text.startsWith(n, at + 1))
    if (name === undefined) {
      out += text.slice(i, at + 1)
      i = at + 1
      continue
    }
    let end = at + 1 + name.length
    out += text.slice(i, end)
    // At the very end nothing follows to set the name off from.
    if (end < text.length) out += MENTION_END
    if (text.charAt(end) === ' ' || text.charAt(end) === MENTION_END) end++
    i = end
  }
  return out + text.slice(i)
}
