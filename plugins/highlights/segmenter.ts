import { Jieba, TfIdf } from '@node-rs/jieba'
import { dict, idf } from '@node-rs/jieba/dict.js'
import { toHalfWidth, toSimplified } from '../../src/text/normalize.js'
import { STOP_WORDS } from './stopwords.js'

/**
 * Chinese word segmentation for the summarisers: jieba with its bundled dictionary, the same words whether a
 * member writes traditional or simplified, full-width or half-width, and without the words that carry no
 * topic (stopwords.ts).
 */

let jieba: Jieba | undefined
let idfTable: TfIdf | undefined

// Loading the dictionary takes about 0.2 s: done on first use, not at import, so a bot that never summarises
// offline never pays for it.
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict)
  return jieba
}

// Words are kept if they have a letter or digit; single Han characters are too ambiguous to say what a
// discussion is about (了, 会, 点), single Latin letters likewise.
const WORD = /[\p{L}\p{N}]/u
const SINGLE_HAN_OR_LETTER = /^[\p{Script=Han}\p{L}]$/u

/** Half-width, simplified, lower-case: the form words are compared in. */
export function foldText(text: string): string {
  return toSimplified(toHalfWidth(text)).toLowerCase()
}

/**
 * The text cut into words, every character kept (punctuation and spaces are words of their own), so that the
 * words joined give back the text exactly; with each word's folded form. Cut in the folded form, so 然後 is
 * cut like 然后, when folding keeps the length; the words are the text's own characters, not the folded ones.
 */
export function foldedWords(text: string): { words: string[]; forms: string[] } {
  const folded = foldText(text)
  if (folded.length === text.length) {
    const words: string[] = []
    const forms = segmenter().cut(folded, true)
    let start = 0
    for (const form of forms) {
      words.push(text.slice(start, start + form.length))
      start += form.length
    }
    if (start === text.length) return { words, forms }
  }
  const words = segmenter().cut(text, true)
  return { words, forms: words.map(foldText) }
}

/** The text cut into words, every character kept: the words joined give back the text. */
export function textWords(text: string): string[] {
  return foldedWords(text).words
}

// A link's host and path are not what anyone talked about: 「https://example.com/checkin」 must not title a
// discussion 「checkin、com、example」. Printable ASCII only, so Chinese written right after a link stays.
const LINK = /(?:https?:\/\/|www\.)[\x21-\x7e]+/giu

/** The words of a text that can say what it is about, in order, repeats kept; links left out. */
export function contentTerms(text: string): string[] {
  const stop = STOP_WORDS
  const terms: string[] = []
  for (const word of segmenter().cut(foldText(text).replace(LINK, ' '), true)) {
    const term = word.trim()
    if (term.length === 0 || !WORD.test(term) || SINGLE_HAN_OR_LETTER.test(term) || stop.has(term)) continue
    terms.push(term)
  }
  return terms
}

// jieba's corpus IDF for a word it does not know: the median of its table, so new words (names, slang)
// count as fairly specific, neither noise nor the rarest words.
const UNKNOWN_IDF = 11.95
const idfCache = new Map<string, number>()
const IDF_CACHE_LIMIT = 200_000

/**
 * How specific a word is in general Chinese (jieba's IDF table): 的 ≈ 0.9, 觉得 ≈ 4.8, 早起 ≈ 8.6. Words
 * the table has no entry for get the median. Asked one word at a time, so only the words met are looked up;
 * parsing the whole 6 MB table would cost more than summarising thousands of messages.
 */
export function generalIdf(term: string): number {
  const cached = idfCache.get(term)
  if (cached !== undefined) return cached
  idfTable ??= TfIdf.withDict(idf)
  // The extractor weighs a word by count × IDF / words in the text: for the word alone, that is its IDF.
  // It drops the words it treats as stop words itself; those get the lowest weight here too.
  const [keyword] = idfTable.extractKeywords(segmenter(), term, 1)
  const value = keyword === undefined ? 1 : keyword.keyword === term ? keyword.weight : UNKNOWN_IDF
  if (idfCache.size >= IDF_CACHE_LIMIT) idfCache.clear()
  idfCache.set(term, value)
  return value
}

// Part-of-speech tags of words that can name a topic: nouns of every kind, verbal nouns (复习 as 'vn'), and
// words the dictionary does not have ('x': often a name or slang, 线代) or English ('eng').
const TOPIC_TAG = /^(?:n|vn|x|eng)/

/** Whether a word, alone, reads as a noun: what a title made of keywords should be. */
export function isNounLike(term: string): boolean {
  const tagged = segmenter().tag(term, true)
  return tagged.length === 1 && TOPIC_TAG.test(tagged[0]!.tag)
}
