import qrcode from 'qrcode-terminal'
import { PuppetService } from 'wechaty-puppet-service'
import { ConfigError } from '../config/load.js'
import type { BotConfig } from '../config/schema.js'
import type { PluginDefinition } from '../host/types.js'
import type { Logger } from '../logger.js'
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
export function puppetFromEnv(env: NodeJS.ProcessEnv): PuppetService | string {
  if (env.WECHATY_PUPPET_SERVICE_TOKEN) {
    // Without an endpoint the client falls back to token discovery, which crashes the process with the
    // gRPC version Wechaty installs; insist on an endpoint instead.
    if (!env.WECHATY_PUPPET_SERVICE_ENDPOINT) {
      throw new ConfigError(
        '设置了 WECHATY_PUPPET_SERVICE_TOKEN，还需要设置 WECHATY_PUPPET_SERVICE_ENDPOINT（例如 127.0.0.1:8788）',
      )
    }
    return new PuppetService({
      endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT,
      token: env.WECHATY_PUPPET_SERVICE_TOKEN,
    })
  }
  if (env.WECHATY_PUPPET) return env.WECHATY_PUPPET
  throw new ConfigError(
    '没有配置微信账号：请设置 WECHATY_PUPPET_SERVICE_TOKEN 和 WECHATY_PUPPET_SERVICE_ENDPOINT，或 WECHATY_PUPPET',
  )
}

/** Runs the bot on a real account until a signal; no login in time is an error, not a silent hang. */
export async function runOnAccount(options: AccountOptions): Promise<number> {
  const { config, logger } = options
  const bot = await GroupBot.create({
    ...options,
    puppet: puppetFromEnv(process.env),
    clock: new SystemClock(config.timeZone),
    scheduleDriver: 'cron',
    pacing: 'config',
  })
  bot.wechaty.on('scan', (code, status) => {
    process.stderr.write(`请用要登录的微信扫码（状态 ${status}）：\n`)
    qrcode.generate(code, { small: true }, (art) => process.stderr.write(`${art}\n`))
    process.stderr.write(`二维码链接：https://wechaty.js.org/qrcode/${encodeURIComponent(code)}\n`)
  })
  const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()))
  // Counted from the start: an unreachable endpoint alone makes start() take several seconds.
  const timedOut = delay(config.login.timeoutSeconds * 1000).then(() => false)
  await bot.start()
  const ok = await Promise.race([loggedIn.then(() => true), timedOut])
  if (!ok) {
    logger.error(
      `${config.login.timeoutSeconds} 秒内没有登录成功：请检查网络、token 和 endpoint，或扫码后再试`,
    )
    await bot.stop()
    return 1
  }
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, '正在退出，保存待发消息和状态……')
      void bot.stop().then(() => resolve(0))
    }
    process.once('SIGINT', () => shutdown('SIGINT'))
    process.once('SIGTERM', () => shutdown('SIGTERM'))
  })
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
