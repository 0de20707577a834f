import { toSimplified } from '../../src/text/normalize.js'
import { truncateChars } from '../../src/text/trim.js'
import type { Summary, Turn } from './highlight.js'
import { weighedWords } from './segmenter.js'

/** One sentence of the chat, where it came from, and its words (simplified) with their weights. */
interface Sentence {
  text: string
  speaker: string
  turn: number
  words: Map<string, number>
  norm: number
  /** its place in the chat, for putting points back in order */
  order: number
}

// Chat noise that says nothing on the topic, whole sentences only.
const CHIT_CHAT =
  /^(哈+|嗯+|哦+|噢+|啊+|好+的?|好滴|好嘞|收到|谢谢.*|感谢.*|辛苦了?|赞+|\+1|加一|同意|对+的?|是的|没错|666+|早安?|晚安|哈喽|你好|大家好)$/u
const MEANINGFUL = /[\p{Script=Han}\p{L}\p{N}]/gu
const SENTENCE_END = /(?<=[。！？!?；;…])|\n+/u
const QUESTION = /([?？]|[吗呢么]$|(怎么|怎样|为什么|如何|是否|要不要|能不能|有没有|哪些|什么).{0,20}$)/u

/** Candidates TextRank looks at: enough for a good choice, few enough that 10,000 messages stay fast. */
const CANDIDATES = 80
const WORDS_PER_SENTENCE = 20

function meaningfulLength(text: string): number {
  return text.match(MEANINGFUL)?.length ?? 0
}

function cosine(a: Sentence | { words: Map<string, number>; norm: number }, b: typeof a): number {
  if (a.norm === 0 || b.norm === 0) return 0
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words]
  let dot = 0
  for (const [word, weight] of small) dot += weight * (large.get(word) ?? 0)
  return dot / (a.norm * b.norm)
}

function normOf(words: Map<string, number>): number {
  let sum = 0
  for (const weight of words.values()) sum += weight * weight
  return Math.sqrt(sum)
}

/** The chat cut into sentences worth considering: no chit-chat, no one-word answers, no empty messages. */
export function sentencesOf(turns: Turn[]): Sentence[] {
  const sentences: Sentence[] = []
  for (const [turn, { speaker, text }] of turns.entries()) {
    // A very long message (a pasted article) is judged by its first part: enough to know what it is about.
    for (const piece of text.slice(0, 3000).split(SENTENCE_END)) {
      const sentence = piece.replace(/[@＠]\S+\s?/gu, '').trim()
      if (meaningfulLength(sentence) < 6 || CHIT_CHAT.test(sentence.replace(/[\s\p{P}]/gu, ''))) continue
      const words = weighedWords(toSimplified(sentence), WORDS_PER_SENTENCE)
      if (words.size === 0) continue
      sentences.push({ text: sentence, speaker, turn, words, norm: normOf(words), order: sentences.length })
    }
  }
  return sentences
}

/** PageRank over the candidates' similarity graph: a sentence many others echo is central. */
function textRank(candidates: Sentence[]): number[] {
  const n = candidates.length
  const weights = candidates.map((a) => candidates.map((b) => (a === b ? 0 : cosine(a, b))))
  const outSums = weights.map((row) => row.reduce((sum, w) => sum + w, 0))
  let scores = new Array<number>(n).fill(1 / n)
  for (let iteration = 0; iteration < 30; iteration++) {
    scores = candidates.map((_, i) => {
      let incoming = 0
      for (let j = 0; j < n; j++) {
        const w = weights[j]?.[i] ?? 0
        if (w > 0) incoming += (w / (outSums[j] as number)) * (scores[j] as number)
      }
      return 0.15 / n + 0.85 * incoming
    })
  }
  return scores
}

function scaled(values: number[]): number[] {
  const max = Math.max(...values, Number.EPSILON)
  return values.map((v) => v / max)
}

/**
 * Picks sentences by maximal marginal relevance: each next one is the best scored that says something the
 * chosen ones do not, until the character budget is used.
 */
function pickWithinBudget(
  candidates: Sentence[],
  scores: number[],
  maxChars: number,
  count: number,
): Sentence[] {
  const chosen: Sentence[] = []
  const left = new Set(candidates.map((_, i) => i))
  let used = 0
  while (left.size > 0 && chosen.length < count) {
    let best = -1
    let bestValue = Number.NEGATIVE_INFINITY
    for (const i of left) {
      const candidate = candidates[i] as Sentence
      const overlap = Math.max(0, ...chosen.map((c) => cosine(c, candidate)))
      const value = 0.7 * (scores[i] as number) - 0.3 * overlap
      if (value > bestValue) {
        bestValue = value
        best = i
      }
    }
    left.delete(best)
    const sentence = candidates[best] as Sentence
    const length = Math.min(Array.from(sentence.text).length, 120)
    if (chosen.length > 0 && used + length > maxChars) continue
    chosen.push(sentence)
    used += length
  }
  return chosen
}

/** Questions still open: asked, and not taken up by someone else in the next few sentences. */
function openQuestions(sentences: Sentence[], limit: number): string[] {
  const open: Array<{ text: string; weight: number }> = []
  for (const [i, sentence] of sentences.entries()) {
    if (!QUESTION.test(sentence.text)) continue
    const answers = sentences.slice(i + 1, i + 6).filter((s) => s.speaker !== sentence.speaker)
    if (answers.some((answer) => cosine(answer, sentence) > 0.1)) continue
    open.push({ text: sentence.text, weight: sentence.norm })
  }
  return open
    .sort((a, b) => b.weight - a.weight)
    .slice(0, limit)
    .map((q) => truncateChars(q.text, 100))
}

export interface OfflineOptions {
  /** characters of key points, all together; default 300 */
  maxChars?: number
  title?: string
}

/**
 * The highlight of a discussion without a model: Chinese sentence splitting, jieba segmentation with TF-IDF
 * weights, sentences scored by closeness to the discussion's centroid and by TextRank among the best
 * candidates, then chosen by maximal marginal relevance within the length budget and put back in chat order.
 * Quotes are whole sentences their speakers wrote, from different speakers; contributors are counted.
 */
export function summariseOffline(turns: Turn[], options: OfflineOptions = {}): Summary {
  const maxChars = options.maxChars ?? 300
  const sentences = sentencesOf(turns)
  const counts = new Map<string, number>()
  for (const turn of turns) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1)
  const contributors = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name)
  if (sentences.length === 0) {
    return {
      title: options.title ?? '（没有可总结的内容）',
      points: [],
      quotes: [],
      questions: [],
      contributors,
    }
  }
  const allText = toSimplified(sentences.map((s) => s.text).join('\n'))
  const centroidWords = weighedWords(allText, 60)
  const centroid = { words: centroidWords, norm: normOf(centroidWords) }
  const closeness = sentences.map((s) => cosine(s, centroid))
  const candidates = sentences
    .map((s, i) => ({ s, score: closeness[i] as number }))
    .sort((a, b) => b.score - a.score)
    .slice(0, CANDIDATES)
    .map((c) => c.s)
  const rank = scaled(textRank(candidates))
  const close = scaled(candidates.map((s) => closeness[s.order] as number))
  const scores = candidates.map((s, i) => {
    const length = Array.from(s.text).length
    // Very short sentences rarely make a point; very long ones take the budget of three.
    const fit = length < 10 ? 0.7 : length > 90 ? 0.8 : 1
    return (0.5 * (rank[i] as number) + 0.5 * (close[i] as number)) * fit
  })
  // A question is not a point: it goes with the open questions, or was answered by a point.
  const statements = candidates
    .map((s, i) => ({ s, score: scores[i] as number }))
    .filter((c) => !QUESTION.test(c.s.text))
  const points = pickWithinBudget(
    statements.map((c) => c.s),
    statements.map((c) => c.score),
    maxChars,
    5,
  ).sort((a, b) => a.order - b.order)
  const quoted = new Set<string>()
  const quotes: Summary['quotes'] = []
  const byScore = candidates
    .map((s, i) => ({ s, score: scores[i] as number }))
    .sort((a, b) => b.score - a.score)
  for (const { s } of byScore) {
    const length = Array.from(s.text).length
    if (quoted.has(s.speaker) || length < 8 || length > 80 || points.includes(s) || QUESTION.test(s.text))
      continue
    quoted.add(s.speaker)
    quotes.push({ speaker: s.speaker, text: s.text })
    if (quotes.length === 3) break
  }
  const keywords = [...centroidWords.keys()].slice(0, 3)
  return {
    title: truncateChars(options.title ?? (keywords.join('、') || '群聊精华'), 20),
    points: points.map((p) => truncateChars(p.text, 120)),
    quotes,
    questions: openQuestions(sentences, 3),
    contributors,
  }
}
