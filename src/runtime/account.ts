import qrcode from 'qrcode-terminal'
import { PuppetService } from 'wechaty-puppet-service'
import { ConfigError } from '../config/load.js'
import type { BotConfig } from '../config/schema.js'
import type { PluginDefinition } from '../host/types.js'
import type { Logger } from '../logger.js'
import { sharedTemplates, type TemplateRenderer } from '../templates/renderer.js'
import { SystemClock } from '../time/clock.js'
import { GroupBot } from './bot.js'
import { type ConnectionProblem, connectionProblemOf } from './connection-problem.js'

export interface AccountOptions {
  config: BotConfig
  dataDir: string
  projectRoot: string
  plugins: PluginDefinition[]
  logger: Logger
  llmEnv?: Record<string, string | undefined>
  /** opens the ops console over the bot once it exists; what it returns is closed at shutdown */
  opsConsole?: (bot: GroupBot) => Promise<{ close(): Promise<void> } | undefined>
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
  const opsConsole = await options.opsConsole?.(bot)
  bot.wechaty.on('scan', (code, status) => {
    process.stderr.write(`${words.render('console/scan.njk', { status })}\n`)
    qrcode.generate(code, { small: true }, (art) => process.stderr.write(`${art}\n`))
    const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(code)}`
    process.stderr.write(`${words.render('console/qr-link.njk', { url })}\n`)
  })
  const loggedIn = new Promise<void>((resolve) =>
    bot.wechaty.once('login', (user) => {
      logger.info({ user: user.name() }, 'logged in')
      resolve()
    }),
  )
  const unreachable = endpointFailure(bot, process.env).then((problem) => {
    logger.debug({ problem }, 'puppet service unreachable')
    process.stderr.write(`${words.render('console/endpoint-unreachable.njk', { ...problem })}\n`)
    return 'unreachable' as const
  })
  // Counted from the start: an unreachable endpoint alone makes start() take several seconds.
  const timedOut = delay(config.login.timeoutSeconds * 1000).then(() => 'timeout' as const)
  const started = bot.start().then(
    () => loggedIn.then(() => 'ok' as const),
    () => unreachable,
  )
  const outcome = await Promise.race([started, unreachable, timedOut])
  if (outcome !== 'ok') {
    if (outcome === 'timeout') {
      logger.error(words.render('console/login-timeout.njk', { seconds: config.login.timeoutSeconds }))
    }
    await opsConsole?.close()
    await bot.stop()
    return 1
  }
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, words.render('console/shutting-down.njk'))
      void (opsConsole?.close() ?? Promise.resolve()).then(() => bot.stop()).then(() => resolve(0))
    }
    process.once('SIGINT', () => shutdown('SIGINT'))
    process.once('SIGTERM', () => shutdown('SIGTERM'))
  })
}

// The gRPC client retries by itself; a wrong endpoint shows as the same error on every try. A few of them
// (or one refused token) is enough to tell the operator, instead of waiting out the login timeout.
const TRIES_BEFORE_GIVING_UP = 3

interface EndpointFailure {
  endpoint: string
  problem: ConnectionProblem
  insecure: boolean
}

/** Resolves when the puppet service clearly cannot be used; never, for a bot that logs in. */
function endpointFailure(bot: GroupBot, env: NodeJS.ProcessEnv): Promise<EndpointFailure> {
  const endpoint = env.WECHATY_PUPPET_SERVICE_ENDPOINT ?? ''
  const insecure = (env.WECHATY_PUPPET_SERVICE_TOKEN ?? '').startsWith('insecure_')
  return new Promise((resolve) => {
    if (!env.WECHATY_PUPPET_SERVICE_TOKEN) return
    let tries = 0
    bot.wechaty.on('error', (error) => {
      if (bot.wechaty.isLoggedIn) return
      const problem = connectionProblemOf(error)
      if (!problem) return
      tries++
      if (problem === 'token' || tries >= TRIES_BEFORE_GIVING_UP) resolve({ endpoint, problem, insecure })
    })
  })
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
