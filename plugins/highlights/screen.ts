import { Mint } from 'mint-filter'
import { normalizeForMatch } from '../../src/text/normalize.js'
import type { Summary } from './highlight.js'

/**
 * The word screen run before anything is posted: operators keep the list in `data/packs/sensitive-words/`.
 * Text and words are compared in one form (simplified, half-width, no spaces or punctuation), so 「違 禁」
 * is caught as well as 「违禁」.
 */
export class WordScreen {
  readonly #mint: Mint | undefined

  constructor(words: string[]) {
    const folded = [...new Set(words.map(normalizeForMatch).filter((w) => w !== ''))]
    this.#mint = folded.length > 0 ? new Mint(folded) : undefined
  }

  /** The listed words found in the text, each once. */
  find(text: string): string[] {
    if (!this.#mint) return []
    return [...new Set(this.#mint.filter(normalizeForMatch(text), { replace: false }).words)]
  }

  /** The listed words anywhere in a summary. */
  findInSummary(summary: Summary): string[] {
    const all = [
      summary.title,
      ...summary.points,
      ...summary.quotes.map((q) => `${q.speaker} ${q.text}`),
      ...summary.questions,
    ].join('\n')
    return this.find(all)
  }
}
