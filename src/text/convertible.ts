import HKVariantsRev from 'opencc-js/dict/HKVariantsRev'
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases'
import TSCharacters from 'opencc-js/dict/TSCharacters'
import TSPhrases from 'opencc-js/dict/TSPhrases'
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev'
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases'

// The dictionaries of the traditional → simplified chain in simplify.ts (Taiwan variants, Hong Kong
// variants, traditional → simplified), in OpenCC's "key value|key value" form.
export const CHARACTER_DICTS = [TWVariantsRev, HKVariantsRev, TSCharacters] as const
export const PHRASE_DICTS = [TWVariantsRevPhrases, HKVariantsRevPhrases, TSPhrases] as const

let cached: Set<string> | undefined

function keysOf(dict: string): string[] {
  return dict.split('|').map((entry) => entry.slice(0, entry.indexOf(' ')))
}

/**
 * Characters whose presence means the chain may change a text: those it changes on their own (吃 is a key,
 * but 吃 → 喫 → 吃 comes back unchanged, so it is not here), and for every phrase the chain changes although
 * each of its characters alone stays (藉助 → 借助, 一坏 → 一坯), one of its characters. A phrase only matches
 * where all its characters are present, so any one of them will do: the one the phrase changes (藉, 坏), or
 * its rarest, so that everyday characters like 助 or 一 do not send ordinary chat down the slow path.
 * Text with none of these characters converts to itself.
 */
export function convertibleCharacters(
  convert: (text: string) => string,
  extraPairs: [string, string][],
): Set<string> {
  if (cached) return cached
  const set = new Set<string>()
  for (const dict of CHARACTER_DICTS) {
    for (const key of keysOf(dict)) for (const ch of key) if (!set.has(ch) && convert(ch) !== ch) set.add(ch)
  }
  const phraseKeys = [...PHRASE_DICTS.flatMap(keysOf), ...extraPairs.map(([from]) => from)]
  const frequency = new Map<string, number>()
  for (const key of phraseKeys) for (const ch of key) frequency.set(ch, (frequency.get(ch) ?? 0) + 1)
  for (const key of phraseKeys) {
    const chars = Array.from(key)
    if (chars.length === 0 || chars.some((ch) => set.has(ch))) continue
    const converted = Array.from(convert(key))
    if (converted.join('') === key) continue
    const changed = converted.length === chars.length ? chars.filter((ch, i) => converted[i] !== ch) : []
    set.add(rarest(changed.length > 0 ? changed : chars, frequency))
  }
  cached = set
  return set
}

function rarest(chars: string[], frequency: Map<string, number>): string {
  return chars.reduce((a, b) => ((frequency.get(b) ?? 0) < (frequency.get(a) ?? 0) ? b : a))
}
