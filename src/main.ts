import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, configWords, loadConfig } from './config/load.js'
import { checkPluginConfig } from './config/plugin-sections.js'
import type { BotConfig } from './config/schema.js'
import { openConsole } from './console/index.js'
import { createLogger } from './logger.js'
import { allPlugins, bundledPlugins } from './plugins.js'
import { runOnAccount } from './runtime/account.js'
import type { GroupBot } from './runtime/bot.js'
import { runSandboxCli } from './sandbox/cli.js'
import { Sandbox } from './sandbox/sandbox.js'
import { StateFileCorruptError } from './store/state-store.js'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

interface CliArgs {
  data?: string
  /** set when --config names a file: that file must exist */
  config?: string
  logLevel?: string
  echo: boolean
  /** --no-console: run without the ops console, whatever config.yaml says */
  noConsole: boolean
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { echo: false, noConsole: false }
  const flagValue = (i: number, flag: string): string => {
    const value = argv[i]
    if (value === undefined || value.startsWith('--')) {
      throw new ConfigError(configWords('cli-missing-value', { flag }))
    }
    return value
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--echo') args.echo = true
    else if (a === '--no-console') args.noConsole = true
    else if (a === '--data') args.data = flagValue(++i, a)
    else if (a === '--config') args.config = flagValue(++i, a)
    else if (a === '--log-level') {
      args.logLevel = flagValue(++i, a)
      if (!LOG_LEVELS.includes(args.logLevel)) {
        throw new ConfigError(configWords('cli-bad-log-level', { level: args.logLevel, levels: LOG_LEVELS }))
      }
    } else if (a === '--help' || a === '-h') {
      process.stderr.write(`${configWords('cli-usage')}\n`)
      process.exit(0)
    } else throw new ConfigError(configWords('cli-unknown-arg', { arg: a }))
  }
  return args
}

/** Account configured → the real bot; nothing configured → the sandbox on the mock puppet. */
/** What the start-up line says about the model: which one and where, or how to configure one. */
function modelStatus(config: BotConfig, env: NodeJS.ProcessEnv) {
  const configured = Boolean(env.OPENAI_API_KEY?.trim())
  const address = env.OPENAI_BASE_URL?.trim() || config.llm.baseURL || 'https://api.openai.com/v1'
  return { configured, model: config.llm.model, address }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  const configFile = resolve(args.config ?? 'config.yaml')
  const config = await loadConfig(configFile, { required: args.config !== undefined })
  checkPluginConfig(config, allPlugins(), configFile)
  const dataDir = resolve(args.data ?? config.dataDir)
  const logger = createLogger({
    level: args.logLevel ?? config.logs.level,
    format: config.logs.format,
    timeZone: config.timeZone,
  })
  const usesAccount = Boolean(process.env.WECHATY_PUPPET_SERVICE_TOKEN || process.env.WECHATY_PUPPET)
  const plugins = bundledPlugins(config.enabledPlugins, usesAccount ? 'account' : 'sandbox')
  const llmEnv = process.env
  // Said once, on standard error: standard output is the sandbox's line protocol.
  process.stderr.write(`${configWords('llm-status', modelStatus(config, llmEnv))}\n`)
  const withConsole = config.console.enabled && !args.noConsole
  const opsConsole = (bot: GroupBot) =>
    withConsole ? openConsole(bot, config.console, process.env, process.stderr) : Promise.resolve(undefined)
  if (usesAccount) {
    return runOnAccount({ config, dataDir, projectRoot, plugins, logger, llmEnv, opsConsole })
  }
  process.stderr.write(`${configWords('sandbox-mode')}\n`)
  const sandbox = await Sandbox.start({ config, dataDir, projectRoot, plugins, logger, llmEnv })
  const running = await opsConsole(sandbox.bot)
  const status = await runSandboxCli(sandbox, {
    echo: args.echo,
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
  })
  await running?.close()
  await sandbox.stop()
  return status
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    // Expected problems (a config mistake, a damaged state file) are told in words, without a stack trace.
    if (error instanceof ConfigError || error instanceof StateFileCorruptError) {
      process.stderr.write(`${error.message}\n`)
    } else {
      process.stderr.write(
        `${configWords('start-failed', { reason: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`,
      )
    }
    process.exit(2)
  },
)
