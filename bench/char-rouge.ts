/**
 * Character-level ROUGE for Chinese: every letter or digit is a token (Latin words lower-cased, split into
 * letters too), punctuation and spaces are dropped. Word-level ROUGE would score the segmenter as much as the
 * summary; characters are what Chinese summarisation papers usually report.
 */

export interface RougeScores {
  rouge1: number
  rouge2: number
  rougeL: number
}

const TOKEN = /[\p{L}\p{N}]/u

export function characterTokens(text: string): string[] {
  const tokens: string[] = []
  for (const ch of text.toLowerCase()) if (TOKEN.test(ch)) tokens.push(ch)
  return tokens
}

function f1(overlap: number, candidate: number, reference: number): number {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0
  const precision = overlap / candidate
  const recall = overlap / reference
  return (2 * precision * recall) / (precision + recall)
}

function nGrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join('\u0000')
    counts.set(gram, (counts.get(gram) ?? 0) + 1)
  }
  return counts
}

function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const ours = nGrams(candidate, n)
  const theirs = nGrams(reference, n)
  let overlap = 0
  for (const [gram, count] of ours) overlap += Math.min(count, theirs.get(gram) ?? 0)
  return f1(overlap, Math.max(candidate.length - n + 1, 0), Math.max(reference.length - n + 1, 0))
}

/** Length of the longest common subsequence, in O(n·m) time and O(m) memory. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint32Array(b.length + 1)
  let current = new Uint32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[b.length]!
}

/** ROUGE-1, ROUGE-2 and ROUGE-L F1 (0–1) of a candidate summary against one reference, by characters. */
export function characterRouge(candidate: string, reference: string): RougeScores {
  const ours = characterTokens(candidate)
  const theirs = characterTokens(reference)
  return {
    rouge1: rougeN(ours, theirs, 1),
    rouge2: rougeN(ours, theirs, 2),
    rougeL: f1(lcsLength(ours, theirs), ours.length, theirs.length),
  }
}
