import { toSimplified, toSimplifiedAligned } from './simplify.js'

export { toSimplified, toSimplifiedAligned }

const FULL_WIDTH = /[\uFF01-\uFF5E]/g
const WIDE_SPACE = /[\u3000\u2005]/g
// The offset between a full-width form (U+FF01–FF5E) and its ASCII counterpart (U+0021–007E).
const FULL_WIDTH_OFFSET = 0xfee0

/** Full-width ASCII → ASCII, ideographic and four-per-em spaces → ' '. Keeps the string length. */
export function toHalfWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(WIDE_SPACE, ' ')
}

const ASCII_UPPER = /[A-Z]+/g

/**
 * Half-width + simplified + ASCII lower-case, with the same UTF-16 length as the input, so
 * positions found in the folded text can be used to cut the original text.
 */
export function foldForSearch(text: string): string {
  const half = toHalfWidth(text).replace(ASCII_UPPER, (s) => s.toLowerCase())
  return toSimplifiedAligned(half)
}

// Whitespace, punctuation, symbols (emoji are mostly So/Sk), format characters such as the
// zero-width joiner, variation selectors and the keycap mark: none of them matter for equality.
const NOISE = /[\p{White_Space}\p{P}\p{S}\p{Cf}\p{Extended_Pictographic}]|[\uFE00-\uFE0F]|\u20E3/gu

/** Canonical form for comparing answers, names and commands: 「Ｈｅｌｌｏ，世界！」 → 'hello世界'. */
export function normalizeForMatch(text: string): string {
  const compatible = toHalfWidth(text).normalize('NFKC')
  return toSimplified(compatible).toLowerCase().replace(NOISE, '')
}

const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g

/** True for null, undefined, '' and text made only of (possibly zero-width) spaces. */
export function isBlank(text: string | null | undefined): boolean {
  return text == null || text.replace(INVISIBLE, '') === ''
}
