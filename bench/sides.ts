import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Message, types, WechatyBuilder } from 'wechaty'
import { parseConfig } from '../src/config/load.js'
import { createLogger, silentLogger } from '../src/logger.js'
import { bundledPlugins } from '../src/plugins.js'
import { GroupBot } from '../src/runtime/bot.js'
import { SystemClock } from '../src/time/clock.js'
import type { BenchWorld, Side, SideParams } from './harness.js'
import { BOT_NAME } from './workload.js'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The floor: bare Wechaty on the same mock with the smallest handler that does the same job. Any Wechaty bot
 * pays at least this much per message.
 */
export async function floorSide(world: BenchWorld): Promise<Side> {
  const bot = WechatyBuilder.build({ puppet: world.puppet })
  const waiting = new Map<string, () => void>()
  const counts = new Map<string, number>()

  const handle = async (m: Message): Promise<void> => {
    if (m.self()) return
    const room = m.room()
    if (!room) return
    const text = (m.text() ?? '').trim()
    if (!text.startsWith('/')) return
    const command = text.slice(1).split(/\s+/u)[0]
    const name = m.talker().name()
    if (command === '在吗') {
      await room.say(`在的，${name}～有什么可以帮你？`)
    } else if (command === '计数') {
      const key = `${room.id}:${m.talker().id}`
      const total = (counts.get(key) ?? 0) + 1
      counts.set(key, total)
      await room.say(`${name}，记下啦，你一共 ${total} 次。`)
    }
  }

  bot.on('message', (m) => {
    void handle(m)
      .catch((error: unknown) => console.error('floor handler failed', error))
      .finally(() => {
        const resolve = waiting.get(m.id)
        waiting.delete(m.id)
        resolve?.()
      })
  })
  await bot.start()
  world.login()
  return {
    name: 'floor',
    wechaty: bot,
    expect: (id) => new Promise<void>((resolve) => waiting.set(id, resolve)),
  }
}

/**
 * The whole bot: guards, normalisation, recorder, router, plugins, store and the outbox, pacing off. State
 * and room logs go to a fresh folder on disk, as in production.
 */
export async function botSide(world: BenchWorld, params: SideParams): Promise<Side> {
  // Rounds long enough to last the whole run: every message in those rooms is checked as a guess.
  const config = parseConfig({
    botName: BOT_NAME,
    plugins: { games: { timeLimitSeconds: 600, dailyRounds: 50 } },
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'qunbot-bench-'))
  // A run writes megabytes of room logs; the side process exits as soon as it has measured.
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
  const bot = await GroupBot.create({
    config,
    puppet: world.puppet,
    dataDir,
    projectRoot,
    clock: new SystemClock(config.timeZone),
    scheduleDriver: 'manual',
    pacing: 'off',
    plugins: bundledPlugins(params.plugins),
    logger: process.env.BENCH_LOG ? createLogger({ level: 'error' }) : silentLogger(),
  })
  await bot.start()
  world.login()
  await bot.onLogin()
  await bot.settle()
  await startGames(world, bot)
  return {
    name: 'bot',
    wechaty: bot.wechaty,
    expect: (id) => bot.tracker.expectMessage(id),
    // Room logs and state written now, inside the chunk whose messages made them.
    quiesce: async () => {
      await bot.settle()
      await bot.recorder.flush()
    },
  }
}

/** A riddle round open in every third room, started the way a member would, before anything is measured. */
async function startGames(world: BenchWorld, bot: GroupBot): Promise<void> {
  for (const [r, room] of world.rooms.entries()) {
    if (r % 3 !== 0) continue
    const id = `bench-games-${r}`
    const done = bot.tracker.expectMessage(id)
    world.mocker.MessageMock.create({
      id,
      type: types.Message.Text,
      text: '/猜谜 20',
      talkerId: (world.members[r * 25] as { id: string }).id,
      roomId: room.id,
      mentionIdList: [],
      timestamp: Date.now(),
    } as never)
    world.puppet.emit('message', { messageId: id })
    await done
  }
  await bot.settle()
}
