import type { ChatSentence } from './chat-sentences.js'
import { isQuestion } from './open-questions.js'
import { contentTerms } from './segmenter.js'
import { centroid, cosine, type TermVector } from './term-vectors.js'
import { textRank } from './text-rank.js'

/**
 * Settings of the extractive selection. Chosen on the VCSum dev sample (bench/data/README.md) by
 * `npm run bench:summary`; the test sample was not looked at while choosing them.
 */
export const selectionSettings = {
  /** sentences ranked by TextRank: the best by closeness to the whole discussion (keeps it O(n)) */
  candidates: 120,
  /** share of TextRank in a sentence's relevance; the rest is its cosine to the discussion's centroid */
  textRankShare: 0.5,
  /** MMR: relevance against redundancy with the sentences already chosen */
  lambda: 0.7,
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
 * closeness, weighed by how dense in content words they are), then chosen one at a time by maximal marginal
 * relevance, so that a second sentence saying the same thing is passed over.
 * `length` tells how long a sentence will be once shown (leading fillers trimmed).
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

  const eligible = sentences
    .map((_, index) => index)
    .filter(
      (index) =>
        length(sentences[index]!) >= settings.minChars && vectors[index]!.weights.size >= settings.minWords,
    )
  // Too short or wordless sentences are the only ones: better a short point than none.
  const pool = eligible.length > 0 ? eligible : sentences.map((_, index) => index)
  const candidates = pool.sort((a, b) => relevance[b]! - relevance[a]! || a - b).slice(0, settings.candidates)

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

  const chosen: number[] = []
  const taken = new Set<number>()
  let budget = maxChars
  while (chosen.length < maxPoints) {
    let pick = -1
    let pickValue = Number.NEGATIVE_INFINITY
    for (let i = 0; i < candidates.length; i++) {
      if (taken.has(i) || length(sentences[candidates[i]!]!) > budget) continue
      let redundancy = 0
      for (const j of taken) redundancy = Math.max(redundancy, similarity[i]![j]!)
      const value = settings.lambda * score[i]! - (1 - settings.lambda) * redundancy
      if (value > pickValue) {
        pickValue = value
        pick = i
      }
    }
    if (pick < 0) break
    taken.add(pick)
    chosen.push(candidates[pick]!)
    budget -= length(sentences[candidates[pick]!]!)
  }
  return { relevance, chosen: chosen.sort((a, b) => a - b) }
}
