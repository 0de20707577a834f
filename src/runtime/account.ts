import qrcode from 'qrcode-terminal'
import { PuppetService } from 'wechaty-puppet-service'
import { ConfigError } from '../config/load.js'
import type { BotConfig } from '../config/schema.js'
import type { PluginDefinition } from '../host/types.js'
import type { Logger } from '../logger.js'
import { sharedTemplates, type TemplateRenderer } from '../templates/renderer.js'
import { SystemClock } from '../time/clock.js'
import { GroupBot } from './bot.js'

export interface AccountOptions {
  config: BotConfig
  dataDir: string
  projectRoot: string
  plugins: PluginDefinition[]
  logger: Logger
}

/** The puppet named by the environment: the puppet service (token + endpoint) or any Wechaty puppet. */
export function puppetFromEnv(env: NodeJS.ProcessEnv, words: TemplateRenderer): PuppetService | string {
  if (env.WECHATY_PUPPET_SERVICE_TOKEN) {
    // Without an endpoint the client falls back to token discovery, which crashes the process with the
    // gRPC version Wechaty installs; insist on an endpoint instead.
    if (!env.WECHATY_PUPPET_SERVICE_ENDPOINT) {
      throw new ConfigError(words.render('console/endpoint-missing.njk'))
    }
    return new PuppetService({
      endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT,
      token: env.WECHATY_PUPPET_SERVICE_TOKEN,
    })
  }
  if (env.WECHATY_PUPPET) return env.WECHATY_PUPPET
  throw new ConfigError(words.render('console/no-account.njk'))
}

/** Runs the bot on a real account until a signal; no login in time is an error, not a silent hang. */
export async function runOnAccount(options: AccountOptions): Promise<number> {
  const { config, logger } = options
  const words = sharedTemplates(options.projectRoot, options.dataDir)
  const bot = await GroupBot.create({
    ...options,
    puppet: puppetFromEnv(process.env, words),
    clock: new SystemClock(config.timeZone),
    scheduleDriver: 'cron',
    pacing: 'config',
  })
  bot.wechaty.on('scan', (code, status) => {
    process.stderr.write(`${words.render('console/scan.njk', { status })}\n`)
    qrcode.generate(code, { small: true }, (art) => process.stderr.write(`${art}\n`))
    const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(code)}`
    process.stderr.write(`${words.render('console/qr-link.njk', { url })}\n`)
  })
  const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()))
  // Counted from the start: an unreachable endpoint alone makes start() take several seconds.
  const timedOut = delay(config.login.timeoutSeconds * 1000).then(() => false)
  await bot.start()
  const ok = await Promise.race([loggedIn.then(() => true), timedOut])
  if (!ok) {
    logger.error(words.render('console/login-timeout.njk', { seconds: config.login.timeoutSeconds }))
    await bot.stop()
    return 1
  }
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, words.render('console/shutting-down.njk'))
      void bot.stop().then(() => resolve(0))
    }
    process.once('SIGINT', () => shutdown('SIGINT'))
    process.once('SIGTERM', () => shutdown('SIGTERM'))
  })
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
