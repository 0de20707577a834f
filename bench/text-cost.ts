import { performance } from 'node:perf_hooks'
import { DEFAULT_INTRO_FIELDS, DEFAULT_SYNONYMS, mergeSynonyms } from '../plugins/icebreaker/intro-fields.js'
import { parseIntro } from '../plugins/icebreaker/intro-parser.js'
import { parseCommand } from '../src/commands/parse.js'
import { normalizeForMatch } from '../src/text/normalize.js'

/**
 * `npm run bench:text`: what the text functions every message may meet cost on large and adversarial input
 * (the inputs the unit tests use to check they are handled at all). Prints the median of several runs.
 */
function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function time(label: string, fn: () => unknown, runs = 9): void {
  fn() // warm-up: first calls build dictionaries and compile regular expressions
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    fn()
    samples.push(performance.now() - started)
  }
  console.log(`${label.padEnd(44)} ${median(samples).toFixed(3).padStart(10)} ms`)
}

const alice = { key: 'alice', name: 'Alice' }
const known = Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, name: `Member ${i}` }))
const commands: Array<[string, string]> = [
  ['command: long free text (10,000 chars)', `/破冰 ${'字'.repeat(10_000)}`],
  ['command: 5,000 words', `/a ${'x '.repeat(5_000)}`],
  ['command: 10,000 @ signs', `/a ${'@'.repeat(10_000)}`],
  ['command: 1,500 mentions', `/a ${'@Alice\u2005'.repeat(1_500)}`],
  ['command: 2,000 unknown mentions', `/a ${'@Bob '.repeat(2_000)}`],
  ['command: 5,000 emoji', '😀'.repeat(5_000)],
  ['command: 10,000 slashes', '/'.repeat(10_000)],
]
for (const [label, text] of commands) {
  time(label, () => parseCommand(text, { botName: '小助手', mentions: [...known, alice] }))
}

const traditional = '暱稱：小明，最喜歡吃的食物是火鍋🍲！Ｈｅｌｌｏ　'.repeat(400).slice(0, 10_000)
time('normalizeForMatch: 10,000 mixed chars', () => normalizeForMatch(traditional))

const synonyms = mergeSynonyms(DEFAULT_SYNONYMS, {})
const fields = [...DEFAULT_INTRO_FIELDS]
const intro = '昵称：小明，爱吃：火锅 '.repeat(900).slice(0, 10_000)
time('parseIntro: 10,000 chars of labels', () => parseIntro(intro, fields, synonyms))
time('parseIntro: 10,000 chars, no label', () => parseIntro('啊'.repeat(10_000), fields, synonyms))
