import { Converter, CustomConverter } from 'opencc-js/t2cn'

type Convert = (text: string) => string

// OpenCC keeps these as valid simplified forms, but mainland text writes 昵称 and 什么; without
// them 暱稱 and 做甚麼 (common in Hong Kong) would never match a label.
const EXTRA_PAIRS: [string, string][] = [
  ['暱', '昵'],
  ['甚么', '什么'],
]

// Only text containing Han characters needs the dictionaries; this keeps ASCII-only input cheap.
const HAN = /\p{Script=Han}/u

let chain: Convert | undefined

// Built lazily because building the tries takes tens of milliseconds and many messages are ASCII-only.
function converter(): Convert {
  if (!chain) {
    const tw = Converter({ from: 'tw', to: 'cn' })
    const hk = Converter({ from: 'hk', to: 'cn' })
    const extra = CustomConverter(EXTRA_PAIRS)
    // Members write both Taiwan and Hong Kong variants (著/着, 衞/卫); running both covers either.
    chain = (text) => extra(hk(tw(text)))
  }
  return chain
}

/** Traditional (Taiwan or Hong Kong variants) → simplified Chinese; other text passes through. */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text
  return converter()(text)
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
