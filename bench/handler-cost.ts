import { spawn } from 'node:child_process'
import type { EventEmitter } from 'node:events'
import { performance } from 'node:perf_hooks'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { type Message, types } from 'wechaty'
import { BenchWorld, type Side, startProfiler } from './harness.js'
import { botSide, floorSide } from './sides.js'
import { messageStream } from './workload.js'

/**
 * `npm run bench:handler [-- --messages N --warmup N --rounds R --command-percent P --plugins a,b]`
 *
 * What each side's own handler costs per message, without the mock puppet's delivery. Every message of the
 * workload is created and loaded by Wechaty before the clock starts; the measured loop only emits the
 * loaded `Message` on the side's Wechaty and waits until the side is done. The difference between the two
 * sides is the bot's cost over a bare handler, with much less noise than the end-to-end benchmark, whose
 * figures are mostly the mock's own work. Each side runs in its own process, alternating, `rounds` times.
 */

interface Params {
  side: 'floor' | 'bot'
  messages: number
  /** emitted first and not timed: the bot's code needs about 20,000 messages to be optimised */
  warmup: number
  seed: number
  /** percentage of messages that are commands */
  commandPercent: number
  /** write a CPU profile of the measured loop to this file */
  profile?: string
  /** the bot's plugins; empty or absent: every bundled plugin */
  plugins?: string[]
}

interface Result {
  side: string
  wallPerMessage: number
  cpuPerMessage: number
}

const MARK = 'HANDLER_COST '
/** Messages emitted before the side's Wechaty is given a turn: timers and disk writes run in between. */
const BATCH = 50

async function loadedMessages(world: BenchWorld, side: Side, params: Params, count: number) {
  const next = messageStream(params.seed, params.commandPercent / 100)
  const runId = Date.now().toString(36)
  const loaded = []
  for (let i = 0; i < count; i++) {
    const msg = next()
    const id = `cost-${runId}-${i}`
    world.mocker.MessageMock.create({
      id,
      type: types.Message.Text,
      text: msg.text,
      talkerId: world.members[msg.member]?.id,
      roomId: world.rooms[msg.room]?.id,
      mentionIdList: [],
      timestamp: Date.now(),
    } as never)
    // `load` is hidden from the type but is how Wechaty itself makes a message from an id.
    const message = (
      side.wechaty.Message as unknown as { load(id: string): Message & { ready(): Promise<void> } }
    ).load(id)
    await message.ready()
    loaded.push(message)
  }
  return loaded
}

async function runChild(params: Params): Promise<Result> {
  const world = new BenchWorld(params.seed)
  const side =
    params.side === 'bot'
      ? await botSide(world, { plugins: params.plugins ?? [] } as never)
      : await floorSide(world)
  const messages = await loadedMessages(world, side, params, params.warmup + params.messages)
  const wechaty = side.wechaty as unknown as EventEmitter
  const emitAll = async (from: number, to: number) => {
    for (let i = from; i < to; i += BATCH) {
      const done: Promise<void>[] = []
      for (const m of messages.slice(i, Math.min(to, i + BATCH))) {
        done.push(side.expect(m.id))
        wechaty.emit('message', m)
      }
      await Promise.all(done)
      await nextTurn()
    }
  }
  await emitAll(0, params.warmup)
  const profiler = params.profile ? await startProfiler() : undefined
  const cpu = process.cpuUsage()
  const started = performance.now()
  await emitAll(params.warmup, messages.length)
  const wall = performance.now() - started
  const used = process.cpuUsage(cpu)
  if (profiler && params.profile) await profiler.stop(params.profile)
  return {
    side: params.side,
    wallPerMessage: (wall * 1000) / params.messages,
    cpuPerMessage: (used.user + used.system) / params.messages,
  }
}

function spawnChild(params: Params): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(params)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK))
      if (line) resolve(JSON.parse(line.slice(MARK.length)) as Result)
      else reject(new Error(`handler-cost child exited with ${code}:\n${out}`))
    })
  })
}

function option(
  argv: string[],
  flag: string,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const at = argv.indexOf(flag)
  if (at < 0) return fallback
  const value = Number(argv[at + 1])
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`${flag} needs a whole number from ${min} to ${max}\n`)
    process.exit(2)
  }
  return value
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0

async function main(argv: string[]): Promise<void> {
  const messages = option(argv, '--messages', 50_000)
  const warmup = option(argv, '--warmup', 20_000, 0)
  const rounds = option(argv, '--rounds', 3)
  const seed = option(argv, '--seed', 20240601)
  const commandPercent = option(argv, '--command-percent', 10, 0, 100)
  // The bot's plugins (default: every bundled one): what one plugin costs is the difference with it left out.
  const pluginsAt = argv.indexOf('--plugins')
  const plugins = pluginsAt >= 0 ? (argv[pluginsAt + 1] ?? '').split(',').filter((p) => p !== '') : []
  process.stdout.write(
    `handler cost: ${messages.toLocaleString('en-US')} loaded messages per run (+${warmup.toLocaleString('en-US')} warm-up), ${rounds} rounds per side, ${commandPercent} % commands, bot plugins: ${plugins.length > 0 ? plugins.join(', ') : 'every bundled plugin'}\n`,
  )
  const runs: Record<'floor' | 'bot', Result[]> = { floor: [], bot: [] }
  for (let r = 0; r < rounds; r++) {
    for (const side of ['floor', 'bot'] as const) {
      const result = await spawnChild({ side, messages, warmup, seed, commandPercent, plugins })
      runs[side].push(result)
      process.stdout.write(
        `  ${side.padEnd(5)} ${result.cpuPerMessage.toFixed(2)} µs CPU, ${result.wallPerMessage.toFixed(2)} µs wall per message\n`,
      )
    }
  }
  const cpu = (side: 'floor' | 'bot') => median(runs[side].map((r) => r.cpuPerMessage))
  const wall = (side: 'floor' | 'bot') => median(runs[side].map((r) => r.wallPerMessage))
  process.stdout.write(
    `median per message: floor ${cpu('floor').toFixed(2)} µs CPU (${wall('floor').toFixed(2)} wall), ` +
      `bot ${cpu('bot').toFixed(2)} µs CPU (${wall('bot').toFixed(2)} wall)\n` +
      `the bot's own cost over a bare handler: ${(cpu('bot') - cpu('floor')).toFixed(2)} µs CPU per message\n`,
  )
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0) {
  const result = await runChild(JSON.parse(process.argv[childAt + 1] ?? '{}') as Params)
  process.stdout.write(`${MARK}${JSON.stringify(result)}\n`)
  process.exit(0)
} else {
  await main(process.argv.slice(2))
}
