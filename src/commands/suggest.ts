/**
 * "Did you mean" for a mistyped command name. Chinese typos are mostly IME homophones (帮住 for 帮助), so
 * besides edit distance on the characters a Chinese input is also compared on its toneless pinyin.
 */
import { distance } from 'fastest-levenshtein'
import { pinyin } from 'pinyin-pro'
import { toHalfWidth } from '../text/normalize.js'

/** A command name longer than this is not a typo of one; it also bounds the work on pasted text. */
const MAX_INPUT_LENGTH = 64

/** Homophones rank above a one-character typo; near-homophones between one and two-character typos. */
const HOMOPHONE_SCORE = 0.5
const NEAR_HOMOPHONE_SCORE = 1.5

const HAN = /\p{Script=Han}/u

function normalize(text: string): string {
  return toHalfWidth(text).trim().toLowerCase()
}

function codePointLength(text: string): number {
  return Array.from(text).length
}

interface PinyinForm {
  /** Toneless pinyin in context, joined without separators, e.g. 'bangzhu'. */
  joined: string
  /** Every toneless reading of each character, so polyphones (行: xing/hang) can still match. */
  readings: Set<string>[]
}

function pinyinForm(text: string): PinyinForm {
  const inContext = pinyin(text, { toneType: 'none', type: 'array', v: true })
  const readings = Array.from(text).map((ch, i) => {
    const all = HAN.test(ch) ? pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }) : [ch]
    const contextual = inContext[i]
    return new Set(contextual === undefined ? all : [contextual, ...all])
  })
  return { joined: inContext.join(''), readings }
}

/** Same syllable count and every position shares a reading: an IME homophone. */
function sameSound(a: PinyinForm, b: PinyinForm): boolean {
  if (a.readings.length !== b.readings.length) return false
  return a.readings.every((set, i) => [...set].some((r) => b.readings[i]?.has(r)))
}

const ALL_HAN = /^\p{Script=Han}+$/u

function textScore(input: string, candidate: string): number | undefined {
  // Two-character Chinese words sharing one character are usually different words (问题 vs 话题, 公司 vs
  // 公告): for those only the sound counts.
  if (ALL_HAN.test(input) && ALL_HAN.test(candidate) && input.length === 2 && candidate.length === 2) {
    return undefined
  }
  const d = distance(input, candidate)
  const inputLength = codePointLength(input)
  const candidateLength = codePointLength(candidate)
  // One edit on a 2-character name already changes half of it, so short names get a tighter bound.
  const limit = Math.min(inputLength, candidateLength) <= 3 ? 1 : 2
  // Replacing every character (的 -> 大) is not a typo, however short the name.
  return d <= limit && d < Math.max(inputLength, candidateLength) ? d : undefined
}

function pinyinScore(input: PinyinForm, candidate: PinyinForm): number | undefined {
  if (sameSound(input, candidate)) return HOMOPHONE_SCORE
  // Short pinyin is too easy to reach with one edit (da -> de), so only pinyin of 4+ letters gets slack.
  if (Math.min(input.joined.length, candidate.joined.length) < 4) return undefined
  return distance(input.joined, candidate.joined) <= 1 ? NEAR_HOMOPHONE_SCORE : undefined
}

function score(input: string, inputPinyin: PinyinForm | undefined, candidate: string): number | undefined {
  const byText = textScore(input, candidate)
  const byPinyin =
    inputPinyin !== undefined && HAN.test(candidate)
      ? pinyinScore(inputPinyin, pinyinForm(candidate))
      : undefined
  if (byText === undefined) return byPinyin
  return byPinyin === undefined ? byText : Math.min(byText, byPinyin)
}

/**
 * The single closest candidate to a mistyped command name, or undefined when none is close or the input
 * is already a command (an exact match is not a typo). Ties go to the earlier candidate.
 */
export function suggestCommand(input: string, candidates: string[]): string | undefined {
  if (typeof input !== 'string') return undefined
  const typed = normalize(input)
  if (typed === '' || typed.length > MAX_INPUT_LENGTH) return undefined
  const names = candidates.map(normalize)
  if (names.includes(typed)) return undefined
  const typedPinyin = HAN.test(typed) ? pinyinForm(typed) : undefined
  let best: { name: string; score: number } | undefined
  candidates.forEach((candidate, i) => {
    const name = names[i]
    if (name === undefined || name === '') return
    const s = score(typed, typedPinyin, name)
    if (s !== undefined && (best === undefined || s < best.score)) best = { name: candidate, score: s }
  })
  return best?.name
}
