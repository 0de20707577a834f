import { randomBytes } from 'node:crypto'
import type { PluginContext } from '../../src/index.js'
import { estimateTokens, splitToBudget } from '../../src/llm/tokens.js'
import type { LlmClient } from '../../src/llm/types.js'
import { chatSentences } from './chat-sentences.js'
import { type Summary, summarySchema, type Turn } from './highlight.js'
import { centroid, cosine, sentenceVectors, type TermVector } from './term-vectors.js'

/** Room the prompt and the answer take out of the model's context, whatever the chat's size. */
const RESERVED_TOKENS = 1500
/** One line of chat sent to the model: long messages are cut, the gist of a message is at its start. */
const TURN_CHARS = 500

/**
 * One message as the model reads it: 「名字：内容」 on one line. Line breaks inside a message become ⏎, so a
 * member cannot start a line that looks like someone else speaking; the fence the lines sit in is random.
 */
export function chatLine(speaker: string, text: string): string {
  const flat = Array.from(text.trim())
    .slice(0, TURN_CHARS)
    .join('')
    .replace(/\s*[\r\n]+\s*/gu, ' ⏎ ')
  return `${speaker.replace(/[：:\s]+/gu, ' ').trim()}：${flat}`
}

/**
 * Chat tokens sent per 100 messages, at most. Busy groups repeat themselves; past this the least relevant
 * sentences (furthest from what the discussion as a whole is about) stay home, so a summary costs about the same
 * per message whatever the chat's style. Below it, everything with words in it goes.
 */
const CHAT_TOKENS_PER_100 = 1200

/**
 * The chat as the model reads it: stickers, images and 「收到」 left out (they cost tokens and say nothing;
 * contributors are counted from the log, not by the model), and, past the budget, the least relevant
 * sentences. What is kept is each message's own words, so quotes can still be checked against the log.
 */
export function condensedChat(turns: Turn[]): string[] {
  const sentences = chatSentences(turns)
  const costs = sentences.map((s) => estimateTokens(s.text) + 1)
  const budget = Math.max(300, Math.ceil((turns.length / 100) * CHAT_TOKENS_PER_100))
  let kept = new Set(sentences.map((_, i) => i))
  if (costs.reduce((sum, cost) => sum + cost, 0) > budget) {
    const vectors = sentenceVectors(sentences)
    const center = centroid(vectors)
    const byRelevance = sentences
      .map((_, i) => ({ i, relevance: cosine(vectors[i] as TermVector, center) }))
      .sort((a, b) => b.relevance - a.relevance)
    kept = new Set()
    let used = 0
    for (const { i } of byRelevance) {
      if (used + (costs[i] as number) > budget) continue
      kept.add(i)
      used += costs[i] as number
    }
  }
  const lines: string[] = []
  let turn = -1
  let words: string[] = []
  const flush = () => {
    if (words.length > 0) lines.push(chatLine((turns[turn] as Turn).speaker, words.join(' ')))
    words = []
  }
  for (const [i, sentence] of sentences.entries()) {
    if (!kept.has(i)) continue
    if (sentence.turn !== turn) flush()
    turn = sentence.turn
    words.push(sentence.text)
  }
  flush()
  return lines
}

export interface ModelSummaryOptions {
  title?: string
  maxChars: number
  /** progress of a long discussion (part i of n) */
  onProgress?: (done: number, parts: number) => void
}

/**
 * The model's summary of a discussion. Chat lines are fenced as data behind a random boundary the chat cannot
 * guess, so a member writing 「忽略以上指令」 is quoted, never obeyed. The chat is {@link condensedChat}. A discussion too long for the model's
 * context is cut into parts that fit, each summarised, then merged in one more call (map-reduce). Throws the
 * client's `LlmError` when the service fails: the caller falls back to the offline summary.
 */
export async function modelSummary(
  llm: LlmClient,
  render: PluginContext['render'],
  turns: Turn[],
  options: ModelSummaryOptions,
): Promise<{ summary: Summary; tokens: number }> {
  const fence = `CHAT-${randomBytes(6).toString('hex')}`
  const system = render('llm/summary-system.njk', { fence })
  const lines = condensedChat(turns)
  const budget = Math.max(500, llm.contextTokens - RESERVED_TOKENS - estimateTokens(system))
  const chunks = splitToBudget(lines, budget)
  let tokens = 0
  const ask = async (user: string, purpose: string) => {
    const answer = await llm.completeJson(
      [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      summarySchema,
      { purpose },
    )
    tokens += answer.tokens
    return answer.value
  }
  const partials: Summary[] = []
  for (const [i, chunk] of chunks.entries()) {
    const part = chunks.length > 1 ? i + 1 : undefined
    const user = render('llm/summary-chunk.njk', {
      fence,
      title: options.title,
      part,
      parts: chunks.length,
      chat: chunk.join('\n'),
      maxChars: options.maxChars,
    })
    partials.push(
      await ask(user, chunks.length > 1 ? `highlight part ${i + 1}/${chunks.length}` : 'highlight'),
    )
    options.onProgress?.(i + 1, chunks.length)
  }
  // Merged in groups that fit, then the groups' results again, until one is left: 20,000 messages make many
  // parts, and their summaries together can be too long for one call as well.
  let level = partials
  while (level.length > 1) {
    const groups = splitToBudget(
      level.map((p) => JSON.stringify(p)),
      budget,
    )
    const next: Summary[] = []
    for (const group of groups) {
      if (group.length === 1) {
        next.push(JSON.parse(group[0] as string) as Summary)
        continue
      }
      const user = render('llm/summary-merge.njk', {
        fence,
        title: options.title,
        parts: group.length,
        partials: group.join('\n'),
        maxChars: options.maxChars,
      })
      next.push(await ask(user, 'highlight merge'))
    }
    // A budget that fits only one summary per group would never shrink: merge everything in one call then.
    if (next.length === level.length) {
      const user = render('llm/summary-merge.njk', {
        fence,
        title: options.title,
        parts: level.length,
        partials: level.map((p) => JSON.stringify(p)).join('\n'),
        maxChars: options.maxChars,
      })
      return { summary: await ask(user, 'highlight merge'), tokens }
    }
    level = next
  }
  return { summary: level[0] as Summary, tokens }
}
