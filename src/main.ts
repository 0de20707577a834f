import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig } from './config/load.js'
import { createLogger } from './logger.js'
import { bundledPlugins } from './plugins.js'
import { runOnAccount } from './runtime/account.js'
import { runSandboxCli } from './sandbox/cli.js'
import { Sandbox } from './sandbox/sandbox.js'
import { StateFileCorruptError } from './store/state-store.js'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

interface CliArgs {
  data?: string
  config: string
  echo: boolean
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { config: 'config.yaml', echo: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--echo') args.echo = true
    else if (a === '--data') args.data = argv[++i]
    else if (a === '--config') args.config = argv[++i] ?? args.config
    else if (a === '--help' || a === '-h') {
      process.stderr.write('用法：npm start -- [--data 目录] [--config config.yaml] [--echo]\n')
      process.exit(0)
    } else throw new ConfigError(`不认识的参数：${a}（可用 --data、--config、--echo）`)
  }
  return args
}

/** Account configured → the real bot; nothing configured → the sandbox on the mock puppet. */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  const config = await loadConfig(resolve(args.config))
  const dataDir = resolve(args.data ?? config.dataDir)
  const logger = createLogger({ level: config.logs.level })
  const plugins = bundledPlugins(config.enabledPlugins)
  const usesAccount = Boolean(process.env.WECHATY_PUPPET_SERVICE_TOKEN || process.env.WECHATY_PUPPET)
  if (usesAccount) return runOnAccount({ config, dataDir, projectRoot, plugins, logger })
  const sandbox = await Sandbox.start({
    config,
    dataDir,
    projectRoot,
    plugins,
    logger: createLogger({ level: 'warn' }),
  })
  const status = await runSandboxCli(sandbox, {
    echo: args.echo,
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
  })
  await sandbox.stop()
  return status
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StateFileCorruptError) {
      process.stderr.write(`${error.message}\n`)
    } else {
      process.stderr.write(
        `启动失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      )
    }
    process.exit(2)
  },
)
