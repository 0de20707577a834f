import type { ChatSentence } from './chat-sentences.js'
import { contentTerms, generalIdf } from './segmenter.js'

/** A sparse TF-IDF vector: word → weight, with its length kept for cosines. */
export interface TermVector {
  weights: Map<string, number>
  norm: number
}

/**
 * Each sentence as a TF-IDF vector: count in the sentence × jieba's general IDF. The IDF comes from a large
 * corpus, not from the chat itself, so a short discussion still knows that 早起 says more than 觉得.
 */
export function sentenceVectors(sentences: readonly ChatSentence[]): TermVector[] {
  return sentences.map((sentence) => {
    const weights = new Map<string, number>()
    for (const term of contentTerms(sentence.text)) weights.set(term, (weights.get(term) ?? 0) + 1)
    for (const [term, count] of weights) weights.set(term, count * generalIdf(term))
    return withNorm(weights)
  })
}

export function withNorm(weights: Map<string, number>): TermVector {
  let sum = 0
  for (const weight of weights.values()) sum += weight * weight
  return { weights, norm: Math.sqrt(sum) }
}

/** The sum of all vectors: what the discussion as a whole is about. */
export function centroid(vectors: readonly TermVector[]): TermVector {
  const weights = new Map<string, number>()
  for (const vector of vectors) {
    for (const [term, weight] of vector.weights) weights.set(term, (weights.get(term) ?? 0) + weight)
  }
  return withNorm(weights)
}

export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0
  // Walk the shorter map: sentence vectors are a handful of words, the centroid thousands.
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a]
  let dot = 0
  for (const [term, weight] of small.weights) {
    const other = large.weights.get(term)
    if (other !== undefined) dot += weight * other
  }
  return dot / (a.norm * b.norm)
}
