import { CHARACTER_DICTS } from './convertible.js'
import { EXTRA_PAIRS, toSimplifiedByCharacter } from './simplify.js'
import { escapeRegExp } from './trim.js'

let spellings: Map<string, string[]> | undefined

/** For each character, every character that folds to it one by one (its traditional and variant forms). */
function reverseFold(): Map<string, string[]> {
  if (spellings) return spellings
  const map = new Map<string, Set<string>>()
  const extra = EXTRA_PAIRS.map((pair) => pair.join(' ')).join('|')
  for (const dict of [...CHARACTER_DICTS, extra]) {
    for (const entry of dict.split('|')) {
      for (const ch of entry.replace(/ /g, '')) {
        const folded = toSimplifiedByCharacter(ch)
        if (folded === ch || folded.length !== ch.length) continue
        const set = map.get(folded) ?? new Set<string>()
        set.add(ch)
        map.set(folded, set)
      }
    }
  }
  spellings = new Map([...map].map(([k, v]) => [k, [...v]]))
  return spellings
}

function fullWidth(ch: string): string {
  return String.fromCharCode(ch.charCodeAt(0) + 0xfee0)
}

function characterClass(ch: string): string {
  const forms = new Set([ch, ...(reverseFold().get(ch) ?? [])])
  if (/^[\x21-\x7e]$/.test(ch)) {
    for (const c of [ch, ch.toUpperCase(), ch.toLowerCase()]) {
      forms.add(c)
      forms.add(fullWidth(c))
    }
  }
  const list = [...forms]
  return list.length === 1 ? escapeRegExp(ch) : `[${list.map(escapeRegExp).join('')}]`
}

/**
 * A regular-expression source matching every text that folds, character by character (half width, lower
 * case, traditional → simplified), to `folded`: 昵称 also matches 暱稱, ＱＱ matches qq. It lets a hot path
 * test raw text for a word without folding the text first.
 */
export function foldingPattern(folded: string): string {
  return Array.from(folded, characterClass).join('')
}
