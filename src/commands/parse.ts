/**
 * Parses a chat line such as `@Bot /破冰 @Alice Bob hello` into a command word, arguments and mentions.
 * Pure text work: the caller supplies the bot's name and the IM's mention list, and decides what the
 * command word means.
 */

export interface MemberRef {
  key: string
  name: string
}

export interface ParsedCommand {
  /** The prefix that introduced the command: '/', '／' or '#' by default. */
  prefix: string
  /** The command word exactly as typed after the prefix, e.g. '破冰' or 'Help'. */
  name: string
  /** The remaining words, with mention tokens removed. */
  args: string[]
  /** Known members @-mentioned after the command word, in textual order, without the bot and duplicates. */
  mentions: MemberRef[]
  /** '@Name' tokens (without '@') that matched no known mention: some puppets give text-only mentions. */
  mentionNames: string[]
  /** The raw text after the command word, trimmed, keeping line breaks and mention tokens. */
  rest: string
}

export interface ParseOptions {
  botName: string
  mentions?: MemberRef[]
  prefixes?: string[]
}

// Full-width ＃ too: Chinese input methods type it as readily as ／.
export const DEFAULT_PREFIXES: readonly string[] = ['/', '／', '#', '＃']

/**
 * Word separators. WeChat puts U+2005 after @mentions and Chinese IMEs type U+3000; NBSP is included
 * because text pasted from web pages carries it where a space was meant.
 */
const SEPARATORS = new Set([' ', '\t', '\n', '\r', '\u3000', '\u2005', '\u00a0'])

function isSeparator(ch: string | undefined): boolean {
  return ch !== undefined && SEPARATORS.has(ch)
}

function skipSeparators(text: string, from: number): number {
  let i = from
  while (i < text.length && isSeparator(text[i])) i++
  return i
}

function wordEnd(text: string, from: number): number {
  let i = from
  while (i < text.length && !isSeparator(text[i])) i++
  return i
}

// The bot's name hardly ever changes: its `@` form is built once, not for every room message.
let mentionOf = { botName: '', mention: '@' }

/** Index where the command starts once leading whitespace and a leading `@BotName ` are skipped. */
function commandStart(text: string, botName: string): number {
  const start = skipSeparators(text, 0)
  if (mentionOf.botName !== botName) mentionOf = { botName, mention: `@${botName}` }
  const mention = mentionOf.mention
  if (botName === '' || !text.startsWith(mention, start)) return start
  const after = start + mention.length
  // Only a separator ends the bot mention; '@BotName2' is somebody else.
  return isSeparator(text[after]) ? skipSeparators(text, after) : start
}

// Sorted once per prefix list: this runs for every room message.
const sortedPrefixes = new WeakMap<readonly string[], readonly string[]>()

/** Non-empty prefixes, longest first, so a longer prefix wins over a shorter one it starts with. */
function longestFirst(prefixes: readonly string[]): readonly string[] {
  let sorted = sortedPrefixes.get(prefixes)
  if (!sorted) {
    sorted = prefixes.filter((p) => p !== '').sort((a, b) => b.length - a.length)
    sortedPrefixes.set(prefixes, sorted)
  }
  return sorted
}

function matchPrefix(text: string, at: number, prefixes: readonly string[]): string | undefined {
  const sorted = longestFirst(prefixes)
  const prefix = sorted.find((p) => text.startsWith(p, at))
  if (prefix === undefined) return undefined
  const next = at + prefix.length
  // '/ x', '//x' and '/@x' are not commands: the word must start right away and be a word.
  if (next >= text.length || isSeparator(text[next]) || text[next] === '@') return undefined
  if (sorted.some((p) => text.startsWith(p, next))) return undefined
  return prefix
}

export function parseCommand(text: string, options: ParseOptions): ParsedCommand | undefined {
  if (typeof text !== 'string' || text === '') return undefined
  const start = commandStart(text, options.botName)
  const prefix = matchPrefix(text, start, options.prefixes ?? DEFAULT_PREFIXES)
  if (prefix === undefined) return undefined
  const nameStart = start + prefix.length
  const nameEnd = wordEnd(text, nameStart)
  const after = text.slice(nameEnd)
  const words = splitWords(after, options.botName, options.mentions ?? [])
  return { prefix, name: text.slice(nameStart, nameEnd), ...words, rest: after.trim() }
}

interface Words {
  args: string[]
  mentions: MemberRef[]
  mentionNames: string[]
}

/** A mention candidate: a known member, or the bot itself (ref undefined, matched only to be dropped). */
interface MentionPattern {
  token: string
  ref: MemberRef | undefined
}

function mentionPatterns(botName: string, known: MemberRef[]): MentionPattern[] {
  const patterns: MentionPattern[] = known
    .filter((m) => m.name !== '' && m.name !== botName)
    .map((m) => ({ token: `@${m.name}`, ref: m }))
  if (botName !== '') patterns.push({ token: `@${botName}`, ref: undefined })
  // Longest first, so '@Tom Lee' wins over '@Tom' when both are known.
  return patterns.sort((a, b) => b.token.length - a.token.length)
}

/** The known mention starting at `at`; it must end at a separator, another '@' or the end of text. */
function matchMention(text: string, at: number, patterns: MentionPattern[]): MentionPattern | undefined {
  return patterns.find((p) => {
    if (!text.startsWith(p.token, at)) return false
    const next = text[at + p.token.length]
    return next === undefined || next === '@' || isSeparator(next)
  })
}

function splitWords(text: string, botName: string, known: MemberRef[]): Words {
  // Built at the first '@' only: most commands mention nobody.
  let patterns: MentionPattern[] | undefined
  const words: Words = { args: [], mentions: [], mentionNames: [] }
  let i = skipSeparators(text, 0)
  while (i < text.length) {
    let hit: MentionPattern | undefined
    if (text[i] === '@') {
      patterns ??= mentionPatterns(botName, known)
      hit = matchMention(text, i, patterns)
    }
    if (hit !== undefined) {
      addMention(words, hit.ref)
      i = skipSeparators(text, i + hit.token.length)
      continue
    }
    const end = wordEnd(text, i)
    addWord(words, text.slice(i, end))
    i = skipSeparators(text, end)
  }
  return words
}

function addMention(words: Words, ref: MemberRef | undefined): void {
  // The bot's own mention (no ref) is dropped; a member mentioned twice is still one member.
  if (ref !== undefined && !words.mentions.some((m) => m.key === ref.key)) words.mentions.push(ref)
}

function addWord(words: Words, word: string): void {
  // A lone '@' is punctuation, not a mention.
  if (!word.startsWith('@') || word.length === 1) {
    words.args.push(word)
    return
  }
  const name = word.slice(1)
  if (!words.mentionNames.includes(name)) words.mentionNames.push(name)
}
