import type { ConsoleConfig } from '../config/schema.js'
import { isLoopback } from '../config/schema.js'
import type { GroupBot } from '../runtime/bot.js'
import { consoleWords } from '../templates/console-words.js'
import { backendOf } from './data.js'
import { ConsoleStartError, type RunningConsole, startConsole } from './server.js'

export { type RunningConsole, startConsole } from './server.js'

/**
 * Opens the ops console beside the bot, as `npm start` does: the address and the sign-in token on standard
 * error (standard output is the sandbox's chat), a warning when it listens beyond this machine. A console
 * that cannot open (port taken) is said so, and the bot runs on without it.
 */
export async function openConsole(
  bot: GroupBot,
  settings: ConsoleConfig,
  env: Record<string, string | undefined>,
  errors: NodeJS.WritableStream,
): Promise<RunningConsole | undefined> {
  const fromEnv = Boolean(env.QUNBOT_CONSOLE_TOKEN?.trim())
  try {
    const running = await startConsole(backendOf(bot), {
      port: settings.port,
      host: settings.host,
      admins: bot.options.config.admins,
      token: fromEnv ? env.QUNBOT_CONSOLE_TOKEN?.trim() : undefined,
    })
    if (!isLoopback(settings.host))
      errors.write(`${consoleWords('web-console-exposed', { host: settings.host })}\n`)
    errors.write(`${consoleWords('web-console', { url: running.url, token: running.token, fromEnv })}\n`)
    return running
  } catch (error) {
    const reason = error instanceof ConsoleStartError ? error.reason : 'other'
    const detail = error instanceof Error ? error.message : String(error)
    errors.write(`${consoleWords('web-console-failed', { reason, port: settings.port, detail })}\n`)
    return undefined
  }
}
