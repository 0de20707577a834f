import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { countTokens } from 'gpt-tokenizer'
import { l as jsRougeL, n as jsRougeN } from 'js-rouge'
import { type ChatSentence, chatSentences } from '../plugins/highlights/chat-sentences.js'
import type { Turn } from '../plugins/highlights/highlight.js'
import { modelSummary } from '../plugins/highlights/model-summary.js'
import { summariseOffline } from '../plugins/highlights/offline-summary.js'
import { centroid, cosine, sentenceVectors } from '../plugins/highlights/term-vectors.js'
import { estimateTokens } from '../src/llm/tokens.js'
import type { LlmClient, LlmMessage } from '../src/llm/types.js'
import { sharedTemplates } from '../src/templates/renderer.js'
import { characterRouge, characterTokens, type RougeScores } from './char-rouge.js'

/**
 * `npm run bench:summary`: the offline summariser's speed on generated chat, and its quality against human
 * summaries (a VCSum sample, bench/data/README.md) beside two baselines at the same character budget:
 * - LEAD-3: the first three sentences, as many as fit;
 * - TF-IDF centroid: the sentences closest to the discussion's centroid, best first, as many as fit.
 * All three see the same sentences (same splitting and chit-chat filter) and the same TF-IDF vectors, so only
 * the choice of sentences differs. Scores are character-level ROUGE F1 × 100, averaged over segments.
 * Options: --budgets 150,300  --sizes 1000,10000  --split dev|test|both
 */

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '')
const budgets = (args.get('budgets') ?? '150,300').split(',').map(Number)
const sizes = (args.get('sizes') ?? '1000,10000').split(',').map(Number)
const splits =
  args.get('split') === 'dev' ? ['dev'] : args.get('split') === 'test' ? ['test'] : ['dev', 'test']

// ---- speed ----------------------------------------------------------------------------------------------

/** mulberry32: the same messages on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const SUBJECTS = [
  '早起',
  '期末复习',
  '背单词',
  '健身',
  '番茄钟',
  '读书会',
  '周末爬山',
  '高数作业',
  '英语听力',
  '考研',
]
const OPENERS = ['我觉得', '其实', '说实话', '我发现', '建议大家', '昨天', '今天', '我们组', '老师说', '感觉']
const MIDDLES = [
  '最难的是坚持下去',
  '每天安排半小时就够了',
  '要先定一个小目标',
  '效果比想象中好很多',
  '一个人很容易放弃',
  '找个搭子互相监督会好一点',
  '周末反而更容易偷懒',
  '晚上早点睡第二天才起得来',
  '可以用打卡的方式记录',
  '别一开始就定太高的要求',
]
const QUESTIONS = [
  '有人一起吗？',
  '大家都是怎么安排的？',
  '这个方法真的有用吗？',
  '明天几点开始？',
  '谁有资料能分享一下？',
]
const NOISE = ['哈哈哈', '收到', '+1', '[图片]', '👍👍', '嗯嗯', '[捂脸]', '好的']

function generatedChat(count: number, seed: number): Turn[] {
  const next = random(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const speakers = Array.from({ length: 40 }, (_, i) => `群友${i + 1}`)
  return Array.from({ length: count }, () => {
    const roll = next()
    const speaker = pick(speakers)
    if (roll < 0.15) return { speaker, text: pick(NOISE) }
    if (roll < 0.25) return { speaker, text: `${pick(SUBJECTS)}${pick(QUESTIONS)}` }
    const sentences = 1 + Math.floor(next() * 3)
    const text = Array.from(
      { length: sentences },
      () => `${pick(OPENERS)}${pick(SUBJECTS)}${pick(MIDDLES)}`,
    ).join(pick(['。', '！', '，', '\n']))
    return { speaker, text }
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const firstStarted = performance.now()
summariseOffline(generatedChat(50, 7))
const firstCall = performance.now() - firstStarted
console.log('## Speed (generated chat, 40 speakers, 15 % noise)\n')
console.log(`first call, 50 messages, including loading jieba's dictionary: ${firstCall.toFixed(0)} ms`)
for (const size of sizes) {
  const times: number[] = []
  // Fresh messages each run, so no run is helped by the word-IDF cache more than a new day would be.
  for (let run = 0; run < 3; run++) {
    const turns = generatedChat(size, 1000 + run * 17 + size)
    const started = performance.now()
    summariseOffline(turns)
    times.push(performance.now() - started)
  }
  console.log(
    `${size.toLocaleString('en')} messages: median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`,
  )
}

// ---- prompt size on the model path --------------------------------------------------------------------

/**
 * What the model path sends for 100 chat messages: the real prompt templates and chunking of
 * `model-summary.ts`, with a client that only records the messages (a prompt's size does not depend on the
 * service), measured with the same token estimate the splitter uses.
 */
async function promptTokensPer100(): Promise<{ estimated: number; o200k: number }> {
  const words = sharedTemplates(join(import.meta.dirname, '..'), null)
  const sent: LlmMessage[][] = []
  const recorder: LlmClient = {
    model: 'prompt-size',
    contextTokens: 32000,
    complete: () => Promise.reject(new Error('not used')),
    completeJson: async <T>(messages: LlmMessage[]) => {
      sent.push(messages)
      const value = { title: '话题', points: ['要点'], quotes: [], questions: [], contributors: [] }
      return { value: value as T, tokens: 0, model: 'prompt-size' }
    },
  }
  await modelSummary(recorder, (name, vars) => words.render(name, vars), generatedChat(100, 4242), {
    maxChars: 300,
  })
  const all = sent.flat()
  return {
    estimated: all.reduce((n, m) => n + estimateTokens(m.content), 0),
    o200k: all.reduce((n, m) => n + countTokens(m.content), 0),
  }
}

const prompt = await promptTokensPer100()
console.log(
  `\nprompt tokens for 100 chat messages on the model path: ${prompt.o200k} counted by a real BPE tokenizer (o200k, gpt-tokenizer), ${prompt.estimated} by the bot's own cautious estimate that sizes chunks (goal ≤ 2,000)`,
)

// ---- quality --------------------------------------------------------------------------------------------

interface Segment {
  id: string
  turns: Turn[]
  reference: string
}

function loadSegments(split: string): Segment[] {
  const file = new URL(`./data/vcsum-short-${split}-sample.jsonl`, import.meta.url)
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const record = JSON.parse(line) as {
        id: string
        context: string[][]
        speaker: number[]
        discussion: string
      }
      const turns = record.context.map((sentences, i) => ({
        speaker: `发言人${record.speaker[i] ?? 0}`,
        text: sentences.join(''),
      }))
      return { id: record.id, turns, reference: record.discussion }
    })
}

function lengthOf(text: string): number {
  return Array.from(text).length
}

/** Takes sentences in the given order while they fit the budget; shows them in chat order. */
function fillBudget(
  order: readonly ChatSentence[],
  maxChars: number,
  limit = Number.POSITIVE_INFINITY,
): string {
  const taken: ChatSentence[] = []
  let left = maxChars
  for (const sentence of order) {
    if (taken.length >= limit) break
    const length = lengthOf(sentence.text)
    if (length > left) continue
    taken.push(sentence)
    left -= length
  }
  return taken
    .sort((a, b) => a.position - b.position)
    .map((sentence) => sentence.text)
    .join('')
}

function lead3(turns: Turn[], maxChars: number): string {
  const sentences = chatSentences(turns)
  // The first three sentences; the first one is cut to the budget when even it does not fit.
  const text = fillBudget(sentences.slice(0, 3), maxChars)
  return text.length > 0
    ? text
    : Array.from(sentences[0]?.text ?? '')
        .slice(0, maxChars)
        .join('')
}

function tfIdfCentroid(turns: Turn[], maxChars: number): string {
  const sentences = chatSentences(turns)
  const vectors = sentenceVectors(sentences)
  const whole = centroid(vectors)
  const order = sentences
    .map((sentence, i) => ({ sentence, score: cosine(vectors[i]!, whole) }))
    .sort((a, b) => b.score - a.score || a.sentence.position - b.sentence.position)
    .map(({ sentence }) => sentence)
  return fillBudget(order, maxChars)
}

function offline(turns: Turn[], maxChars: number): string {
  return summariseOffline(turns, { maxChars }).points.join('')
}

const systems: [string, (turns: Turn[], maxChars: number) => string][] = [
  ['LEAD-3', lead3],
  ['TF-IDF centroid', tfIdfCentroid],
  ['offline (TextRank + coverage)', offline],
]

function mean(scores: RougeScores[]): RougeScores {
  const sum = { rouge1: 0, rouge2: 0, rougeL: 0 }
  for (const s of scores) {
    sum.rouge1 += s.rouge1
    sum.rouge2 += s.rouge2
    sum.rougeL += s.rougeL
  }
  const n = Math.max(scores.length, 1)
  return { rouge1: (100 * sum.rouge1) / n, rouge2: (100 * sum.rouge2) / n, rougeL: (100 * sum.rougeL) / n }
}

const spaced = (text: string) => characterTokens(text).join(' ')
let largestGap = 0

console.log('\n## Quality: character-level ROUGE F1 × 100 against the human summaries (VCSum `discussion`)')
for (const split of splits) {
  const segments = loadSegments(split)
  const referenceChars = median(segments.map((s) => lengthOf(s.reference)))
  console.log(
    `\n### ${split} sample: ${segments.length} segments, median reference ${referenceChars} characters${split === 'dev' ? ' (used for tuning)' : ' (not used for tuning)'}\n`,
  )
  console.log('| budget | system | ROUGE-1 | ROUGE-2 | ROUGE-L | mean length |')
  console.log('| ---: | --- | ---: | ---: | ---: | ---: |')
  const comparisons: string[] = []
  for (const budget of budgets) {
    const rougeL = new Map<string, number[]>()
    for (const [name, summarise] of systems) {
      const outputs = segments.map((segment) => summarise(segment.turns, budget))
      const scores = outputs.map((output, i) => characterRouge(output, segments[i]!.reference))
      if (name.startsWith('offline')) {
        // Cross-check of the character-level scorer against js-rouge on space-separated characters.
        outputs.forEach((output, i) => {
          const ours = scores[i]!
          const reference = spaced(segments[i]!.reference)
          const candidate = spaced(output)
          if (candidate.length === 0) return
          largestGap = Math.max(
            largestGap,
            Math.abs(ours.rouge1 - jsRougeN(candidate, reference, { n: 1 })),
            Math.abs(ours.rouge2 - jsRougeN(candidate, reference, { n: 2 })),
            Math.abs(ours.rougeL - jsRougeL(candidate, reference)),
          )
        })
      }
      rougeL.set(
        name,
        scores.map((score) => score.rougeL),
      )
      const m = mean(scores)
      const length = outputs.reduce((sum, output) => sum + lengthOf(output), 0) / outputs.length
      console.log(
        `| ${budget} | ${name} | ${m.rouge1.toFixed(2)} | ${m.rouge2.toFixed(2)} | ${m.rougeL.toFixed(2)} | ${length.toFixed(0)} |`,
      )
    }
    // Per segment, so that a mean lifted by a few segments shows as such.
    const ours = rougeL.get('offline (TextRank + coverage)')!
    const theirs = rougeL.get('TF-IDF centroid')!
    const better = ours.filter((value, i) => value > theirs[i]! + 1e-9).length
    const worse = ours.filter((value, i) => value < theirs[i]! - 1e-9).length
    comparisons.push(
      `budget ${budget}: offline's ROUGE-L is higher than the centroid's on ${better}, lower on ${worse}, equal on ${ours.length - better - worse} of ${ours.length} segments`,
    )
  }
  console.log(`\n${comparisons.join('\n')}`)
}
console.log(
  `\nlargest difference from js-rouge on the same characters: ${(100 * largestGap).toFixed(3)} points`,
)
