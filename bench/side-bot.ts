import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseConfig } from '../src/config/load.js'
import { createLogger, silentLogger } from '../src/logger.js'
import { bundledPlugins } from '../src/plugins.js'
import { GroupBot } from '../src/runtime/bot.js'
import { SystemClock } from '../src/time/clock.js'
import { type BenchWorld, mainSide, type Side, type SideParams } from './harness.js'
import { BOT_NAME } from './workload.js'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The whole bot: guards, normalisation, recorder, router, plugins, store and the outbox, pacing off. State
 * and room logs go to a fresh folder on disk, as in production.
 */
async function botSide(world: BenchWorld, params: SideParams): Promise<Side> {
  const config = parseConfig({ botName: BOT_NAME })
  const bot = await GroupBot.create({
    config,
    puppet: world.puppet,
    dataDir: mkdtempSync(join(tmpdir(), 'qunbot-bench-')),
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
  return { name: 'bot', expect: (id) => bot.tracker.expect(`msg:${id}`) }
}

await mainSide(botSide)
