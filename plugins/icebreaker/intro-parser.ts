import { foldingPattern } from '../../src/text/fold-pattern.js'
import { foldForSearch, isBlank } from '../../src/text/normalize.js'
import { escapeRegExp, trimPunctuation, truncateChars } from '../../src/text/trim.js'
import { labelsFor } from './intro-fields.js'

export interface IntroParse {
  values: Record<string, string>
  missing: string[]
  isAttempt: boolean
  isComplete: boolean
}

const MAX_VALUE_CHARS = 60

/** One label occurrence: where it starts, where its value starts, and whether a colon-like mark followed. */
interface Hit {
  field: string
  start: number
  valueStart: number
  explicit: boolean
}

interface Matcher {
  pattern: RegExp
  owner: Map<string, string>
  /** the first two characters of every label, in any spelling that folds to them */
  stems: RegExp
}

const NO_INTRO: Omit<IntroParse, 'missing'> = { values: {}, isAttempt: false, isComplete: false }

/*
 * All matching happens on foldForSearch(text): half-width, simplified, ASCII lower-case, and the same
 * length as the original, so every position found there cuts the member's own characters out.
 *
 * Separators. Between segments: a line break or one of ，,；;。|/！!？? (after folding). After a
 * label: optional closing bracket, then one of : = - — (explicit) or 是 (not explicit), then spaces.
 */
const SEGMENT_BREAK = /[\n\r,;。|/!?]/g
const AFTER_LABEL = /^[ \t\u00a0]*([)\]】」』>])?[ \t\u00a0]*([:=]|[-—–]+|是)?[ \t\u00a0]*/
const OPENERS = '([【「『<'
const ASCII_WORD = /[a-z0-9]/
const WORD_CHAR = /[\p{L}\p{N}]/u
// A bullet just before the next label on one line (「小明 🍔爱吃：火锅」, 「小明 2.爱吃：火锅」).
const TRAILING_BULLET =
  /(^|[\s\p{P}])(\d{1,2}[.、)]|(?:[\p{Extended_Pictographic}\p{S}]|\uFE0F|\u200D)+)\s*$/u
// Values that end like a question are chat ("你爱吃什么？"), not an answer.
const QUESTION_END = /(什么|啥|哪|谁|吗|呢|嘛)$/

/**
 * Finds the room's intro fields in a free-form message.
 *
 * Attempt rule (a busy group must not get hints for ordinary chat): the message is an attempt when
 * it is complete, or when some field label is followed by a colon-like mark (昵称：小明), or when at
 * least two different fields carry an answer that is not a question. So 「我最喜欢吃的食物是火锅你们
 * 呢」 alone is not an attempt (one field, 是 is not a colon), while 「昵称：小明」 alone is.
 */
export function parseIntro(text: string, fields: string[], synonyms: Record<string, string[]>): IntroParse {
  const wanted = uniqueFields(fields)
  const matcher = cachedMatcher(wanted, synonyms)
  if (!matcher || !holdsStem(text, matcher)) return { ...NO_INTRO, values: {}, missing: wanted }
  const folded = foldForSearch(text)
  const hits = selectHits(findCandidates(folded, matcher), folded)
  const values: Record<string, string> = {}
  const evidence = new Set<string>()
  hits.forEach((hit, i) => {
    const value = readValue(text, folded, hits, i)
    if (value !== '' && values[hit.field] === undefined) values[hit.field] = value
    if (hit.explicit || (value !== '' && !QUESTION_END.test(foldForSearch(value)))) evidence.add(hit.field)
  })
  const missing = wanted.filter((field) => values[field] === undefined)
  const isComplete = wanted.length > 0 && missing.length === 0
  const isAttempt = isComplete || hits.some((hit) => hit.explicit) || evidence.size >= 2
  return { values, missing, isAttempt, isComplete }
}

/**
 * A cheap test that the text could hold one of the fields' labels at all. Every room message is offered to
 * the intro listener; most are chat with no label, and the full fold is the costly part.
 */
export function mayHoldIntro(
  text: string,
  fields: readonly string[],
  synonyms: Record<string, string[]>,
): boolean {
  const matcher = matcherFor(fields, synonyms)
  return matcher !== undefined && holdsStem(text, matcher)
}

// The same stored field list comes back for every message of a room: remember its matcher by identity.
const matcherByList = new WeakMap<readonly string[], { synonyms: object; matcher: Matcher | undefined }>()

function matcherFor(fields: readonly string[], synonyms: Record<string, string[]>): Matcher | undefined {
  const known = matcherByList.get(fields)
  if (known?.synonyms === synonyms) return known.matcher
  const matcher = cachedMatcher(uniqueFields(fields), synonyms)
  matcherByList.set(fields, { synonyms, matcher })
  return matcher
}

function holdsStem(text: string, matcher: Matcher): boolean {
  return matcher.stems.test(text)
}

function uniqueFields(fields: readonly string[]): string[] {
  return [...new Set(fields.map((field) => field.trim()).filter((field) => field !== ''))]
}

// Every room message is parsed, and folding the labels costs ten times the parse itself: matchers are
// kept per synonym table (the plugin builds one at setup and never changes it) and field list.
const matcherCache = new WeakMap<object, Map<string, Matcher | undefined>>()

function cachedMatcher(fields: string[], synonyms: Record<string, string[]>): Matcher | undefined {
  let byFields = matcherCache.get(synonyms)
  if (!byFields) {
    byFields = new Map()
    matcherCache.set(synonyms, byFields)
  }
  const key = fields.join('\u0000')
  if (!byFields.has(key)) byFields.set(key, buildMatcher(fields, synonyms))
  return byFields.get(key)
}

/** One regex over every label, longest first, so 最喜欢吃的食物 wins over 喜欢吃 at the same spot. */
function buildMatcher(fields: string[], synonyms: Record<string, string[]>): Matcher | undefined {
  const owner = new Map<string, string>()
  const claim = (label: string, field: string) => {
    const key = foldForSearch(label.trim())
    if (key !== '' && !owner.has(key)) owner.set(key, field)
  }
  // A field's own name beats another field's synonym (a room asking for both 爱好 and 空闲时喜欢做什么).
  for (const field of fields) claim(field, field)
  for (const field of fields) for (const label of labelsFor(field, synonyms)) claim(label, field)
  if (owner.size === 0) return undefined
  const labels = [...owner.keys()].sort((a, b) => b.length - a.length)
  const stems = [...new Set(labels.map((label) => Array.from(label).slice(0, 2).join('')))]
  return {
    pattern: new RegExp(labels.map(escapeRegExp).join('|'), 'g'),
    owner,
    stems: new RegExp(stems.map(foldingPattern).join('|')),
  }
}

function findCandidates(folded: string, matcher: Matcher): Hit[] {
  const hits: Hit[] = []
  const pattern = new RegExp(matcher.pattern.source, 'g')
  for (let m = pattern.exec(folded); m !== null; m = pattern.exec(folded)) {
    const start = m.index
    const end = start + m[0].length
    if (!isWordBounded(folded, start, end)) {
      pattern.lastIndex = start + 1
      continue
    }
    hits.push(describeHit(folded, matcher.owner.get(m[0]) ?? m[0], start, end))
  }
  return hits
}

// An ASCII label (qq, id) must not match inside a longer word (video).
function isWordBounded(folded: string, start: number, end: number): boolean {
  const first = folded[start] ?? ''
  const last = folded[end - 1] ?? ''
  if (ASCII_WORD.test(first) && ASCII_WORD.test(folded[start - 1] ?? '')) return false
  return !(ASCII_WORD.test(last) && ASCII_WORD.test(folded[end] ?? ''))
}

function describeHit(folded: string, field: string, start: number, end: number): Hit {
  const [consumed = '', closer, mark] = AFTER_LABEL.exec(folded.slice(end, end + 16)) ?? []
  // 【昵称】小明: a bracketed label is as deliberate as a colon.
  const bracketed = closer !== undefined && OPENERS.includes(folded[start - 1] ?? '\0')
  const explicit = (mark !== undefined && mark !== '是') || bracketed
  return { field, start, valueStart: end + consumed.length, explicit }
}

/**
 * Keeps the label occurrences that really start a field. A colon-marked label always does. A bare
 * label does not when its field was already found (爱好：摄影，对AI感兴趣), nor when it sits inside
 * the value being read on the same segment: glued to a preceding letter (爱好：看美食视频) or as
 * the first word after a colon (昵称：爱吃鱼的猫).
 */
function selectHits(candidates: Hit[], folded: string): Hit[] {
  const accepted: Hit[] = []
  const seen = new Set<string>()
  for (const hit of candidates) {
    if (!hit.explicit && (seen.has(hit.field) || isInsideValue(accepted.at(-1), hit, folded))) continue
    accepted.push(hit)
    seen.add(hit.field)
  }
  return accepted
}

function isInsideValue(open: Hit | undefined, hit: Hit, folded: string): boolean {
  if (open === undefined || open.valueStart > hit.start) return false
  const between = folded.slice(open.valueStart, hit.start)
  if (new RegExp(SEGMENT_BREAK.source).test(between)) return false
  if (open.explicit && isBlank(between)) return true
  return WORD_CHAR.test(folded[hit.start - 1] ?? '') && hit.start > open.valueStart
}

/** The value of hits[i], cut from the original text: up to the next label or the segment's end. */
function readValue(text: string, folded: string, hits: Hit[], i: number): string {
  const hit = hits[i]
  if (hit === undefined) return ''
  const next = hits[i + 1]?.start ?? folded.length
  let from = hit.valueStart
  let to = Math.min(next, segmentEnd(folded, from))
  if (isBlank(folded.slice(from, to)) && to < next && /[\n\r]/.test(folded[to] ?? '')) {
    // 昵称：⏎小明 — the answer was written on the following line.
    from = Math.min(next, skipWhitespace(folded, to))
    to = Math.min(next, segmentEnd(folded, from))
  }
  let raw = text.slice(from, to)
  if (to === next && i + 1 < hits.length) raw = raw.replace(TRAILING_BULLET, '$1')
  return trimPunctuation(truncateChars(trimPunctuation(raw), MAX_VALUE_CHARS))
}

function segmentEnd(folded: string, from: number): number {
  const pattern = new RegExp(SEGMENT_BREAK.source, 'g')
  pattern.lastIndex = from
  return pattern.exec(folded)?.index ?? folded.length
}

function skipWhitespace(folded: string, from: number): number {
  let at = from
  while (at < folded.length && /\s/.test(folded[at] ?? '')) at++
  return at
}
