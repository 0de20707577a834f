import { type ChatSentence, chatSentences } from './chat-sentences.js'
import { contributorNames, displayName } from './contributors.js'
import type { Quote, Summary, Turn } from './highlight.js'
import { isQuestion, openQuestions } from './open-questions.js'
import { generalIdf, isNounLike } from './segmenter.js'
import { selectSentences } from './sentence-selection.js'
import { withoutFillers } from './spoken-fillers.js'
import { sentenceVectors, type TermVector } from './term-vectors.js'

/**
 * The summary made without a language model: every point, quote and question is a sentence members really
 * wrote, chosen by word statistics (jieba segmentation, TF-IDF, TextRank, budgeted coverage). Used when no model is set up
 * or the model fails; fast enough for a day of a busy group (10,000 messages well under 2 s).
 */

export interface OfflineSummaryOptions {
  /** the most characters all points may add up to; 300 unless given */
  maxChars?: number
  /** the title to use; otherwise one is made from the discussion's keywords */
  title?: string
}

export const DEFAULT_MAX_CHARS = 300
export const EMPTY_TITLE = '（没有可总结的内容）'

const MAX_POINTS = 12
const MAX_QUOTES = 3
const MAX_QUESTIONS = 3
const MAX_TITLE_CHARS = 20
const MAX_GIVEN_TITLE_CHARS = 60
const TITLE_KEYWORDS = 3
// A quote is a line someone could be remembered for: neither a fragment nor a paragraph.
const QUOTE_CHARS = { min: 6, max: 80 }
// Lines in the first person that take a position read as quotes more than plain reports do.
const OPINION =
  /我觉得|我认为|我建议|建议|我发现|我的经验|关键|最重要|一定要|千万|其实|说白了|推荐|我一般|我每天/

// Spoken and chat openers that carry nothing: 然后我们… 嗯，其实… 对，就是说…
const LEADING_FILLER =
  /^(?:(?:然后|那么|就是说|那个|嗯+|呃+|额+|啊+|哦+|噢+)[，,、\s]*|(?:对|好|是|嗯|行)[，,、\s]+)+/u

/** A sentence as a point shows it: without the spoken fillers it opens with or is padded with. */
function pointText(sentence: ChatSentence): string {
  const trimmed = sentence.text.replace(LEADING_FILLER, '').trim()
  return withoutFillers(trimmed.length > 0 ? trimmed : sentence.text)
}

export function summariseOffline(turns: readonly Turn[], options: OfflineSummaryOptions = {}): Summary {
  const given = givenTitle(options.title)
  const maxChars = budgetOf(options.maxChars)
  const safeTurns = Array.isArray(turns) ? turns.filter(isTurn) : []
  const contributors = contributorNames(safeTurns).slice(0, 100)
  const sentences = chatSentences(safeTurns)
  if (sentences.length === 0) {
    return { title: given ?? EMPTY_TITLE, points: [], quotes: [], questions: [], contributors }
  }

  const vectors = sentenceVectors(sentences)
  // Fillers are removed only from the sentences that can become points: the candidates, not the whole day.
  const shown = new Map<number, string>()
  const shownOf = (position: number): string => {
    let text = shown.get(position)
    if (text === undefined) {
      text = pointText(sentences[position]!)
      shown.set(position, text)
    }
    return text
  }
  const { relevance, chosen } = selectSentences(sentences, vectors, maxChars, MAX_POINTS, (sentence) =>
    shownLength(shownOf(sentence.position)),
  )
  const points = chosen.map(shownOf)
  if (points.length === 0)
    points.push(
      ...cutToBudget(
        sentences.map((_, i) => i),
        shownOf,
        relevance,
        maxChars,
      ),
    )

  const questions = rankedQuestions(safeTurns, sentences, relevance)
  const quotes = pickQuotes(sentences, relevance, new Set(chosen))
  const title = given ?? keywordTitle(vectors, points)
  return { title, points, quotes, questions, contributors }
}

function isTurn(turn: unknown): turn is Turn {
  return typeof turn === 'object' && turn !== null && typeof (turn as Turn).text === 'string'
}

function givenTitle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined
  const trimmed = Array.from(title.trim()).slice(0, MAX_GIVEN_TITLE_CHARS).join('').trim()
  return trimmed.length > 0 ? trimmed : undefined
}

function budgetOf(maxChars: unknown): number {
  if (typeof maxChars !== 'number' || !Number.isFinite(maxChars)) return DEFAULT_MAX_CHARS
  return Math.max(1, Math.floor(maxChars))
}

/** Length as a reader counts it: code points, so an emoji is one character. */
function shownLength(text: string): number {
  let count = 0
  for (const _ of text) count += 1
  return count
}

/** When the budget is smaller than every sentence: the most relevant one, cut to fit. */
function cutToBudget(
  positions: readonly number[],
  shownOf: (position: number) => string,
  relevance: Float64Array,
  maxChars: number,
): string[] {
  let best = 0
  for (const i of positions) if (relevance[i]! > relevance[best]!) best = i
  const cut = Array.from(shownOf(best)).slice(0, maxChars).join('').trim()
  return cut.length > 0 ? [cut] : []
}

/** Up to three open questions, the most relevant to the discussion, in chat order. */
function rankedQuestions(
  turns: readonly Turn[],
  sentences: readonly ChatSentence[],
  relevance: Float64Array,
): string[] {
  return openQuestions(turns, sentences)
    .sort((a, b) => relevance[b.position]! - relevance[a.position]! || a.position - b.position)
    .slice(0, MAX_QUESTIONS)
    .sort((a, b) => a.position - b.position)
    .map((sentence) => sentence.text)
}

/**
 * Up to three quotes, one a speaker while other speakers have candidates, in chat order. A quote is the
 * sentence exactly as its speaker wrote it. Relevant, opinionated lines first; lines already shown as points
 * and questions only when nothing else is left.
 */
function pickQuotes(
  sentences: readonly ChatSentence[],
  relevance: Float64Array,
  points: Set<number>,
): Quote[] {
  const candidates = sentences
    .filter((sentence) => {
      const length = shownLength(sentence.text)
      return (
        length >= QUOTE_CHARS.min && length <= QUOTE_CHARS.max && displayName(sentence.speaker).length > 0
      )
    })
    .map((sentence) => {
      let value = relevance[sentence.position]!
      if (OPINION.test(sentence.text)) value *= 1.5
      if (isQuestion(sentence.text)) value *= 0.3
      if (points.has(sentence.position)) value *= 0.5
      return { sentence, value }
    })
    .sort((a, b) => b.value - a.value || a.sentence.position - b.sentence.position)

  const picked: ChatSentence[] = []
  const speakers = new Set<string>()
  for (const { sentence } of candidates) {
    if (picked.length >= MAX_QUOTES) break
    if (speakers.has(sentence.speaker)) continue
    speakers.add(sentence.speaker)
    picked.push(sentence)
  }
  // Fewer speakers than quotes: a second line from the same people.
  for (const { sentence } of candidates) {
    if (picked.length >= MAX_QUOTES) break
    if (!picked.includes(sentence)) picked.push(sentence)
  }
  return picked
    .sort((a, b) => a.position - b.position)
    .map((sentence) => ({ speaker: displayName(sentence.speaker), text: sentence.text }))
}

/**
 * A title from the discussion's keywords: the words that recur across sentences and are specific in general
 * Chinese (sentence count × IDF), joined with 、 up to 20 characters. Falls back to the first point.
 */
function keywordTitle(vectors: readonly TermVector[], points: readonly string[]): string {
  const spread = new Map<string, number>()
  for (const vector of vectors) {
    for (const term of vector.weights.keys()) spread.set(term, (spread.get(term) ?? 0) + 1)
  }
  // In a long discussion a word said once is not what it is about.
  const minSpread = vectors.length >= 8 ? 2 : 1
  const ranked = [...spread]
    .filter(([, count]) => count >= minSpread)
    .map(([term, count]) => ({ term, count, weight: count * generalIdf(term) }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))

  // Nouns make a title (错题、线代); other words when the discussion keeps coming back to them (复习), or
  // when no top word is a noun.
  const topical = ranked.slice(0, 30).filter(({ term, count }) => count >= 3 || isNounLike(term))
  const keywords: string[] = []
  for (const { term } of topical.length > 0 ? topical : ranked) {
    if (keywords.length >= TITLE_KEYWORDS) break
    if (keywords.some((kept) => kept.includes(term) || term.includes(kept))) continue
    if (shownLength([...keywords, term].join('、')) > MAX_TITLE_CHARS) continue
    keywords.push(term)
  }
  if (keywords.length > 0) return keywords.join('、')
  const first = Array.from(points[0] ?? '')
    .slice(0, MAX_TITLE_CHARS)
    .join('')
    .trim()
  return first.length > 0 ? first : EMPTY_TITLE
}
