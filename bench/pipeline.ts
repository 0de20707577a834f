import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RESULT_MARK, type SideParams, type SideResult } from './harness.js'

/**
 * `npm run bench [-- --messages N …]` (see USAGE)
 *
 * Runs the same seeded workload through bare Wechaty with a hand-written handler (the floor) and through the
 * whole bot, each in its own process so that peak memory is per side, then prints the comparison and the
 * three targets. Exits 0 whatever the outcome: it is a measurement, not a test.
 */

const here = dirname(fileURLToPath(import.meta.url))
const projectRoot = resolve(here, '..')

const TARGET_RATIO = 0.75
const TARGET_P99_MS = 5
const TARGET_RSS_FACTOR = 1.3

const USAGE = `用法：npm run bench -- [选项]
  --messages N         measured messages, closed loop (default 100000)
  --warmup N           warm-up messages, not measured (default 2000)
  --concurrency N      messages in flight at most, closed loop (default 200)
  --per-turn N         most messages arriving in one event-loop turn, closed loop (default: the
                       concurrency; 1 gives every message a turn of its own, as on an idle socket)
  --steady-messages N  open-loop latency phase, 0 skips it (default 10000)
  --steady-rate N      its messages per second (default 2000)
  --seed N             workload seed (default 20240601)
  --command-percent N  share of messages that are commands, 0–100 (default 10): 0 measures chat alone
  --rounds N           run both sides N times, alternating, and report each side's median run (default 1)
  --plugins a,b        the bot's plugins (default: every bundled plugin)
  --profile DIR        write floor.cpuprofile and bot.cpuprofile of the closed-loop phase to DIR
`

interface Args extends SideParams {
  rounds: number
  profileDir?: string
}

type NumericArg =
  | 'messages'
  | 'warmup'
  | 'concurrency'
  | 'perTurn'
  | 'steadyMessages'
  | 'steadyRate'
  | 'seed'
  | 'commandPercent'
  | 'rounds'

const NUMERIC: Record<string, NumericArg> = {
  '--messages': 'messages',
  '--warmup': 'warmup',
  '--concurrency': 'concurrency',
  '--per-turn': 'perTurn',
  '--steady-messages': 'steadyMessages',
  '--steady-rate': 'steadyRate',
  '--seed': 'seed',
  '--command-percent': 'commandPercent',
  '--rounds': 'rounds',
}

function usage(): never {
  process.stderr.write(USAGE)
  process.exit(2)
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    messages: 100_000,
    warmup: 2_000,
    concurrency: 200,
    perTurn: 0,
    steadyMessages: 10_000,
    steadyRate: 2_000,
    seed: 20240601,
    commandPercent: 10,
    plugins: [],
    rounds: 1,
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string
    const value = argv[++i]
    if (value === undefined) usage()
    if (flag === '--plugins') args.plugins = value.split(',').filter((p) => p !== '')
    else if (flag === '--profile') args.profileDir = resolve(value)
    else {
      const key = NUMERIC[flag]
      const n = Number(value)
      const min = key === 'warmup' || key === 'steadyMessages' || key === 'commandPercent' ? 0 : 1
      if (!key || !Number.isInteger(n) || n < min || (key === 'commandPercent' && n > 100)) usage()
      args[key] = n
    }
  }
  // 0 until given: the whole window may arrive in one turn, as it does for a saturated reader.
  if (args.perTurn === 0) args.perTurn = args.concurrency
  return args
}

function runSide(script: string, args: Args, name: string): Promise<SideResult> {
  const { profileDir, rounds: _rounds, ...rest } = args
  const params: SideParams = profileDir ? { ...rest, profile: join(profileDir, `${name}.cpuprofile`) } : rest
  return new Promise((resolvePromise, reject) => {
    // --expose-gc lets each side report its live heap after a full collection; extra flags for profiling.
    const flags = ['--expose-gc', ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])]
    const child = spawn(
      process.execPath,
      [...flags, '--import', 'tsx', join(here, script), JSON.stringify(params)],
      {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK))
      if (!line) {
        reject(new Error(`${script} exited with ${code} without a result:\n${out}`))
        return
      }
      resolvePromise(JSON.parse(line.slice(RESULT_MARK.length)) as SideResult)
    })
  })
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
// NaN (sent through JSON as null) when a phase had no commands, e.g. `--steady-messages 0`.
const ms = (value: number | null) => (value === null || Number.isNaN(value) ? '—' : `${value.toFixed(2)} ms`)
const int = (value: number) => Math.round(value).toLocaleString('en-US')
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—')
const perMessage = (totalMs: number, side: SideResult) => ((totalMs * 1000) / side.messages).toFixed(1)

function median(results: SideResult[]): SideResult {
  const sorted = [...results].sort((a, b) => a.perSecond - b.perSecond)
  return sorted[Math.floor((sorted.length - 1) / 2)] as SideResult
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    )
    .join('\n')
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.profileDir) await mkdir(args.profileDir, { recursive: true })
  const cpu = cpus()
  process.stdout.write(
    `bench: ${int(args.messages)} messages (+${int(args.warmup)} warm-up) with ≤ ${args.concurrency} in flight ` +
      `(≤ ${args.perTurn} arriving per event-loop turn), ` +
      `then ${int(args.steadyMessages)} at a steady ${int(args.steadyRate)}/s; ` +
      `20 rooms, 500 members, ${args.commandPercent} % commands, seed ${args.seed}\n` +
      `bot plugins: ${args.plugins.length > 0 ? args.plugins.join(', ') : 'every bundled plugin'}; ` +
      `node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}\n`,
  )
  const floors: SideResult[] = []
  const bots: SideResult[] = []
  for (let round = 1; round <= args.rounds; round++) {
    const prefix = args.rounds > 1 ? `round ${round}/${args.rounds}: ` : ''
    // Alternating the order spreads a noisy neighbour's load over both sides.
    const order = round % 2 === 1 ? (['floor', 'bot'] as const) : (['bot', 'floor'] as const)
    for (const side of order) {
      if (side === 'floor') {
        process.stdout.write(`${prefix}floor (bare Wechaty + hand-written handler)…`)
        floors.push(await runSide('side-floor.ts', args, 'floor'))
        process.stdout.write(` ${int(floors.at(-1)!.perSecond)} messages/s\n`)
      } else {
        process.stdout.write(`${prefix}bot (whole pipeline, pacing off, state and room logs on disk)…`)
        bots.push(await runSide('side-bot.ts', args, 'bot'))
        process.stdout.write(` ${int(bots.at(-1)!.perSecond)} messages/s\n`)
      }
    }
  }
  const floor = median(floors)
  const bot = median(bots)
  process.stdout.write(args.rounds > 1 ? '\neach side: its median run (by messages/s)\n\n' : '\n')

  const rows = [
    ['', 'floor', 'bot', 'bot/floor'],
    [
      'messages/s (closed loop)',
      int(floor.perSecond),
      int(bot.perSecond),
      times(bot.perSecond, floor.perSecond),
    ],
    [
      'CPU µs per message (closed loop)',
      floor.cpuPerMessage.toFixed(1),
      bot.cpuPerMessage.toFixed(1),
      times(bot.cpuPerMessage, floor.cpuPerMessage),
    ],
    [
      'GC pause µs per message, young gen',
      perMessage(floor.gc.minorMs, floor),
      perMessage(bot.gc.minorMs, bot),
      times(bot.gc.minorMs, floor.gc.minorMs),
    ],
    [
      'GC pause µs per message, old gen',
      perMessage(floor.gc.majorMs, floor),
      perMessage(bot.gc.majorMs, bot),
      times(bot.gc.majorMs, floor.gc.majorMs),
    ],
    ['command reply p50, full load', ms(floor.load.reply.p50), ms(bot.load.reply.p50), ''],
    ['command reply p99, full load', ms(floor.load.reply.p99), ms(bot.load.reply.p99), ''],
    ['any message done p99, full load', ms(floor.load.done.p99), ms(bot.load.done.p99), ''],
    [
      `command reply p50, ${int(args.steadyRate)}/s`,
      ms(floor.steady.reply.p50),
      ms(bot.steady.reply.p50),
      '',
    ],
    [
      `command reply p99, ${int(args.steadyRate)}/s`,
      ms(floor.steady.reply.p99),
      ms(bot.steady.reply.p99),
      '',
    ],
    [
      `command reply max, ${int(args.steadyRate)}/s`,
      ms(floor.steady.reply.max),
      ms(bot.steady.reply.max),
      '',
    ],
    ['RSS after login, before messages', mb(floor.rssAfterStart), mb(bot.rssAfterStart), ''],
    ['peak RSS (sampled every 50 ms)', mb(floor.peakRss), mb(bot.peakRss), times(bot.peakRss, floor.peakRss)],
    ['peak RSS (getrusage maxRSS)', mb(floor.maxRss), mb(bot.maxRss), times(bot.maxRss, floor.maxRss)],
    ['live heap at the end (after GC)', mb(floor.heapUsedEnd), mb(bot.heapUsedEnd), ''],
  ]
  process.stdout.write(`${table(rows)}\n\n`)
  for (const r of [floor, bot])
    process.stdout.write(
      `${r.side.padEnd(5)} messages/s by tenth of the closed loop: ${r.perSecondByTenth.map(int).join(' ')}\n`,
    )
  process.stdout.write(
    'command reply = from emitting the command on the mock puppet to its reply arriving on the room mock.\n' +
      `full load = the closed loop, as fast as the side goes: each event-loop turn tops the messages in flight up to ${args.concurrency} (≤ ${args.perTurn} per turn);\n` +
      `${int(args.steadyRate)}/s = the open-loop phase (messages emitted on schedule, finished or not).\n\n`,
  )
  for (const r of [floor, bot]) {
    if (r.replies !== r.commands || r.unmatchedReplies > 0)
      process.stdout.write(
        `warning: ${r.side}: ${r.commands} commands, ${r.replies} replies, ${r.unmatchedReplies} unmatched\n`,
      )
    if (args.steadyMessages > 0 && r.steady.rate < args.steadyRate * 0.95)
      process.stdout.write(`warning: ${r.side}: the steady phase only managed ${int(r.steady.rate)}/s\n`)
  }

  const ratio = bot.perSecond / floor.perSecond
  const p99 = args.steadyMessages > 0 ? bot.steady.reply.p99 : bot.load.reply.p99
  const rssRatio = Math.max(bot.peakRss, bot.maxRss) / Math.max(floor.peakRss, floor.maxRss)
  const check = (ok: boolean) => (ok ? 'PASS' : 'FAIL')
  process.stdout.write(
    `ratio (bot/floor messages/s): ${ratio.toFixed(2)}  target ≥ ${TARGET_RATIO}  ${check(ratio >= TARGET_RATIO)}\n` +
      `command p99 (${args.steadyMessages > 0 ? `${int(args.steadyRate)}/s` : 'full load'}): ${ms(p99)}  ` +
      `target ≤ ${TARGET_P99_MS} ms  ${check(p99 <= TARGET_P99_MS)}\n` +
      `peak RSS: ${rssRatio.toFixed(2)}× the floor's  target ≤ ${TARGET_RSS_FACTOR}×  ${check(rssRatio <= TARGET_RSS_FACTOR)}\n`,
  )
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(0)
})
