import { ConverterFactory, CustomConverter } from 'opencc-js/core'
import { CHARACTER_DICTS, convertibleCharacters, PHRASE_DICTS } from './convertible.js'

type Convert = (text: string) => string

// OpenCC keeps these as valid simplified forms, but mainland text writes 昵称 and 什么; without
// them 暱稱 and 做甚麼 (common in Hong Kong) would never match a label.
export const EXTRA_PAIRS: [string, string][] = [
  ['暱', '昵'],
  ['甚么', '什么'],
]

// Only text containing Han characters needs the dictionaries; this keeps ASCII-only input cheap.
const HAN = /\p{Script=Han}/u

let chain: Convert | undefined

// Built lazily because building the tries takes tens of milliseconds and many messages are ASCII-only.
// Members write both Taiwan and Hong Kong variants (著/着, 衞/卫): both variant passes run, then one
// traditional → simplified pass, so the large tables exist once.
function converter(): Convert {
  if (!chain) {
    const [twPhrases, hkPhrases, tsPhrases] = PHRASE_DICTS
    const [twChars, hkChars, tsChars] = CHARACTER_DICTS
    const dictionaries = ConverterFactory([twPhrases, twChars], [hkPhrases, hkChars], [tsPhrases, tsChars])
    const extra = CustomConverter(EXTRA_PAIRS)
    chain = (text) => extra(dictionaries(text))
  }
  return chain
}

/** The whole dictionary chain, without the fast path: for checking that the fast path changes nothing. */
export function toSimplifiedFully(text: string): string {
  return converter()(text)
}

/** Traditional (Taiwan or Hong Kong variants) → simplified Chinese; other text passes through. */
export function toSimplified(text: string): string {
  if (!HAN.test(text) || !mayConvert(text)) return text
  return converter()(text)
}

/**
 * Most chat is already simplified: the three dictionary passes are skipped for text in which no character
 * could start a conversion (exact, see convertible.ts). Every room message is folded, so this is hot.
 */
function mayConvert(text: string): boolean {
  const convertible = convertibleCharacters(converter(), EXTRA_PAIRS)
  for (const ch of text) if (convertible.has(ch)) return true
  return false
}

/**
 * Like toSimplified, but the result always has the same UTF-16 length as the input, so an index
 * found in the result points at the same character in the original text.
 */
export function toSimplifiedAligned(text: string): string {
  const whole = toSimplified(text)
  if (whole.length === text.length) return whole
  // A phrase changed length somewhere: fall back to character-by-character conversion.
  let out = ''
  for (const ch of text) {
    const converted = toSimplified(ch)
    out += converted.length === ch.length ? converted : ch
  }
  return out
}

const byCharacter = new Map<string, string>()

/**
 * Converts one character at a time through a cached table: a few hundred nanoseconds, but blind to phrases
 * (甚麼 stays 甚么). Good for a quick "could this text contain X" test before the real conversion.
 */
export function toSimplifiedByCharacter(text: string): string {
  if (!HAN.test(text)) return text.toLowerCase()
  let out = ''
  for (const ch of text) {
    let converted = byCharacter.get(ch)
    if (converted === undefined) {
      const whole = toSimplified(ch)
      converted = whole.length === ch.length ? whole.toLowerCase() : ch
      byCharacter.set(ch, converted)
    }
    out += converted
  }
  return out
}
