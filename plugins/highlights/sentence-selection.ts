import type { ChatSentence } from './chat-sentences.js'
import { isQuestion } from './open-questions.js'
import { contentTerms } from './segmenter.js'
import { centroid, cosine, type TermVector } from './term-vectors.js'
import { textRank } from './text-rank.js'

/**
 * Settings of the extractive selection. Chosen on VCSum's dev split (bench/data/README.md): the dev sample
 * `npm run bench:summary` scores, and the split's other segments of 500–4,000 characters; the test sample was
 * not looked at while choosing them.
 */
export const selectionSettings = {
  /** sentences ranked by TextRank: the best by closeness to the whole discussion (keeps it O(n)) */
  candidates: 120,
  /** share of TextRank in a sentence's relevance; the rest is its cosine to the discussion's centroid */
  textRankShare: 0.5,
  /**
   * a pick's value = this × its new words' weight per character (below) + the rest × its relevance: what it
   * adds that the points so far do not say, against how central it is
   */
  coverageShare: 0.7,
  /** new words' weight / length^this: between the raw gain (0, long sentences win) and gain per character (1) */
  lengthPower: 0.75,
  /** a word counts towards coverage once it is said in at least this many sentences: what the group discussed */
  minTermSentences: 2,
  /** a sentence less relevant than this share of the best is not worth a point, whatever budget is left */
  minRelevance: 0.3,
  /** shorter sentences are rarely a point of their own */
  minChars: 6,
  /** nor are sentences with a single content word: 看到了，谢谢！ */
  minWords: 2,
  /**
   * relevance × (share of the sentence's characters that are content words)^this: spoken and chat sentences
   * padded with 然后、就是说、这个 lose to sentences that get to the point
   */
  densityPower: 0.5,
  /** questions are listed on their own; as points they only state what is unknown */
  questionWeight: 0.5,
}

/** What the selection knows of each sentence, for the summary's other parts (quotes, questions). */
export interface ScoredSentences {
  /** relevance of each sentence (same index as the input), 0–1; candidates carry TextRank in it */
  relevance: Float64Array
  /** indexes of the chosen sentences, in chat order */
  chosen: number[]
}

/**
 * Picks the sentences that best cover the discussion within `maxChars` (their lengths added up), at most
 * `maxPoints`: the candidates closest to the discussion's centroid are ranked by TextRank (blended with that
 * closeness, weighed by how dense in content words they are); then, one at a time, the sentence that adds the
 * most weight of words the group kept using and the points so far do not contain, per character, blended
 * with its relevance (budgeted coverage). A sentence that adds no such word, or is far less relevant than the
 * best, is not picked, so a thin discussion gets fewer points rather than filler.
 * `length` tells how long a sentence will be once shown (fillers removed).
 */
export function selectSentences(
  sentences: readonly ChatSentence[],
  vectors: readonly TermVector[],
  maxChars: number,
  maxPoints: number,
  length: (sentence: ChatSentence) => number,
): ScoredSentences {
  const settings = selectionSettings
  const relevance = new Float64Array(sentences.length)
  if (sentences.length === 0) return { relevance, chosen: [] }

  const whole = centroid(vectors)
  let best = 0
  vectors.forEach((vector, index) => {
    relevance[index] = cosine(vector, whole)
    best = Math.max(best, relevance[index]!)
  })
  if (best > 0) for (let i = 0; i < relevance.length; i++) relevance[i] = relevance[i]! / best

  // Sentences long enough as written and with enough content words; then, of the most relevant, those still
  // long enough once shown (a shown sentence is never longer than written, and costs a segmentation).
  const eligible = sentences
    .map((_, index) => index)
    .filter(
      (index) =>
        vectors[index]!.weights.size >= settings.minWords &&
        codePoints(sentences[index]!.text) >= settings.minChars,
    )
  // Too short or wordless sentences are the only ones: better a short point than none.
  const pool = eligible.length > 0 ? eligible : sentences.map((_, index) => index)
  pool.sort((a, b) => relevance[b]! - relevance[a]! || a - b)
  const candidates: number[] = []
  for (const index of pool) {
    if (candidates.length >= settings.candidates) break
    if (eligible.length === 0 || length(sentences[index]!) >= settings.minChars) candidates.push(index)
  }

  const similarity = candidates.map(() => new Float64Array(candidates.length))
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const value = cosine(vectors[candidates[i]!]!, vectors[candidates[j]!]!)
      similarity[i]![j] = value
      similarity[j]![i] = value
    }
  }
  const ranks = textRank(similarity)
  const topRank = Math.max(...ranks, 0)
  const score = candidates.map((index, i) => {
    const rank = topRank > 0 ? ranks[i]! / topRank : 0
    const sentence = sentences[index]!
    const termChars = contentTerms(sentence.text).reduce((sum, term) => sum + term.length, 0)
    const density = Math.min(1, termChars / Math.max(length(sentence), 1))
    const value =
      (settings.textRankShare * rank + (1 - settings.textRankShare) * relevance[index]!) *
      density ** settings.densityPower *
      (isQuestion(sentence.text) ? settings.questionWeight : 1)
    relevance[index] = value
    return value
  })

  const chosen = coveringChoice(
    candidates.map((index, i) => ({ length: length(sentences[index]!), relevance: score[i]! })),
    candidates.map((index) => vectors[index]!),
    coverageWeights(vectors),
    maxChars,
    maxPoints,
  )
  return { relevance, chosen: chosen.map((i) => candidates[i]!).sort((a, b) => a - b) }
}

/**
 * What covering a word is worth: its weight in the whole discussion (the centroid's: count × IDF) when it is
 * said in at least `minTermSentences` sentences; when no word is, every word counts (a very short chat).
 */
export function coverageWeights(vectors: readonly TermVector[]): Map<string, number> {
  const sentenceCount = new Map<string, number>()
  const total = new Map<string, number>()
  for (const vector of vectors) {
    for (const [term, weight] of vector.weights) {
      sentenceCount.set(term, (sentenceCount.get(term) ?? 0) + 1)
      total.set(term, (total.get(term) ?? 0) + weight)
    }
  }
  const recurring = new Map<string, number>()
  for (const [term, count] of sentenceCount) {
    if (count >= selectionSettings.minTermSentences) recurring.set(term, total.get(term)!)
  }
  return recurring.size > 0 ? recurring : total
}

/**
 * Greedy budgeted coverage: indexes (into `items`) of the picks, in the order picked. Each round takes the item
 * that fits the characters left and has the highest coverageShare × (weight of its words not yet covered /
 * length^lengthPower, relative to the best item's at the start) + the rest × relevance (relative to the best);
 * items adding no uncovered word, or below `minRelevance` of the best relevance, are never taken.
 */
export function coveringChoice(
  items: readonly { length: number; relevance: number }[],
  vectors: readonly TermVector[],
  weights: ReadonlyMap<string, number>,
  maxChars: number,
  maxPoints: number,
): number[] {
  const settings = selectionSettings
  const gainOf = (i: number, covered: ReadonlySet<string>): number => {
    let gain = 0
    for (const term of vectors[i]!.weights.keys()) if (!covered.has(term)) gain += weights.get(term) ?? 0
    return gain / Math.max(items[i]!.length, 1) ** settings.lengthPower
  }
  const none = new Set<string>()
  const topGain = Math.max(...items.map((_, i) => gainOf(i, none)), 0)
  const topRelevance = Math.max(...items.map((item) => item.relevance), 0)
  if (topGain <= 0) return []

  const covered = new Set<string>()
  const picked: number[] = []
  const taken = new Set<number>()
  let budget = maxChars
  while (picked.length < maxPoints) {
    let pick = -1
    let pickValue = 0
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!
      if (taken.has(i) || item.length > budget || item.relevance < settings.minRelevance * topRelevance)
        continue
      const gain = gainOf(i, covered)
      if (gain <= 0) continue
      const relevance = topRelevance > 0 ? item.relevance / topRelevance : 0
      const value = settings.coverageShare * (gain / topGain) + (1 - settings.coverageShare) * relevance
      if (value > pickValue) {
        pickValue = value
        pick = i
      }
    }
    if (pick < 0) break
    taken.add(pick)
    picked.push(pick)
    for (const term of vectors[pick]!.weights.keys()) covered.add(term)
    budget -= items[pick]!.length
  }
  return picked
}

function codePoints(text: string): number {
  let count = 0
  for (const _ of text) count += 1
  return count
}
