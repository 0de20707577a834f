import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { modelSummary } from '../plugins/highlights/model-summary.js'
import { summariseOffline } from '../plugins/highlights/offline-summary.js'
import { sanitiseSummary } from '../plugins/highlights/sanitise.js'
import { parseTranscript } from '../plugins/highlights/turns.js'
import { loadConfig } from '../src/config/load.js'
import { LlmError } from '../src/llm/types.js'
import { createLogger } from '../src/logger.js'
import { modelFromEnvironment } from '../src/runtime/services.js'
import { MapTable } from '../src/store/table.js'
import { sharedTemplates } from '../src/templates/renderer.js'
import { SystemClock } from '../src/time/clock.js'

/**
 * `npm run summarize -- [--offline] [--max-chars N] [FILE]`: the highlight of an exported chat, on standard
 * output and nothing else there; progress and problems on standard error. Exit 2 for bad input.
 */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const words = sharedTemplates(projectRoot, null)
words.addRoot({ dir: join(projectRoot, 'plugins', 'highlights', 'templates'), namespace: 'highlights' })
const say = (template: string, vars: Record<string, unknown> = {}) =>
  process.stderr.write(`${words.render(`highlights/${template}.njk`, vars)}\n`)

class UsageError extends Error {
  constructor(readonly vars: Record<string, unknown>) {
    super(String(vars.reason ?? vars.kind))
  }
}

function parseArgs(argv: string[]) {
  const args = { offline: false, maxChars: 300, file: undefined as string | undefined, help: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--offline') args.offline = true
    else if (arg === '--help' || arg === '-h') args.help = true
    else if (arg === '--max-chars') {
      const value = Number(argv[++i])
      if (!Number.isInteger(value) || value < 50 || value > 5000) {
        throw new UsageError({ kind: 'max-chars' })
      }
      args.maxChars = value
    } else if (arg.startsWith('-')) throw new UsageError({ kind: 'unknown-option', arg })
    else if (args.file === undefined) args.file = arg
    else throw new UsageError({ kind: 'two-files', arg })
  }
  return args
}

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined) {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError({ kind: 'unreadable', file, reason: (error as Error).message })
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  if (args.help) {
    process.stdout.write(`${words.render('highlights/cli-usage.njk')}\n`)
    return 0
  }
  const text = await readInput(args.file)
  let turns: ReturnType<typeof parseTranscript>
  try {
    turns = parseTranscript(text)
  } catch (error) {
    throw new UsageError({ kind: 'json', file: args.file, reason: (error as Error).message })
  }
  if (turns.length === 0) throw new UsageError({ kind: 'empty' })
  const config = await loadConfig(join(projectRoot, 'config.yaml'))
  const logger = createLogger({ level: 'warn', format: config.logs.format, timeZone: config.timeZone })
  const clock = new SystemClock(config.timeZone)
  // The command line keeps no state: its token count starts at zero each run.
  const llm = args.offline
    ? undefined
    : modelFromEnvironment(
        config,
        process.env,
        clock,
        new MapTable(new Map(), () => {}),
        logger,
        (name, vars) => words.render(name, vars),
      )
  const counts = new Map<string, number>()
  for (const turn of turns) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1)
  say('cli-progress', { stage: 'read', turns: turns.length, speakers: counts.size, model: llm?.model })
  let summary = undefined as ReturnType<typeof summariseOffline> | undefined
  let offline = true
  if (llm) {
    try {
      summary = (
        await modelSummary(llm, (name, vars) => words.render(name, vars), turns, {
          maxChars: args.maxChars,
          onProgress: (done, parts) => parts > 1 && say('cli-progress', { stage: 'part', done, parts }),
        })
      ).summary
      offline = false
    } catch (error) {
      say('cli-progress', {
        stage: 'fallback',
        reason: error instanceof LlmError ? error.message : String(error),
      })
    }
  }
  summary ??= summariseOffline(turns, { maxChars: args.maxChars })
  const speakers = new Set(counts.keys())
  const clean = sanitiseSummary(summary, turns, {
    // An exported chat has no opt-outs: nobody is renamed.
    optedOut: new Set(),
    anonymous: '',
    members: speakers,
    maxChars: args.maxChars,
  })
  const contributors = [...counts].sort((a, b) => b[1] - a[1]).map(([name, messages]) => ({ name, messages }))
  process.stdout.write(
    `${words.render('highlights/transcript.njk', { ...clean, offline, contributors, messageCount: turns.length })}\n`,
  )
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError) say('cli-error', error.vars)
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 2
  },
)
