// Punctuation, whitespace and the tildes people add for tone (火锅~) are never part of a value.
const EDGE = /[\p{White_Space}\p{P}~～]/u
const CLOSERS: Record<string, string> = { ')': '(', '）': '（', ']': '[', '】': '【', '」': '「', '』': '『' }

/**
 * Removes punctuation and whitespace from both ends, but keeps a closing bracket whose opening
 * bracket remains in the text: 小明（小名） stays whole, 「小明」 becomes 小明.
 */
export function trimPunctuation(text: string): string {
  const chars = Array.from(text)
  let start = 0
  while (start < chars.length && EDGE.test(chars[start] ?? '')) start++
  let end = chars.length
  while (end > start) {
    const last = chars[end - 1] ?? ''
    if (!EDGE.test(last)) break
    const opener = CLOSERS[last]
    if (opener && chars.slice(start, end - 1).includes(opener)) break
    end--
  }
  return chars.slice(start, end).join('')
}

/** Cuts to at most `max` code points, so an emoji or rare character is never split in half. */
export function truncateChars(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : chars.slice(0, max).join('')
}

/** Escapes a literal string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
