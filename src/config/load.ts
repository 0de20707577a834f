import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import { consoleWords } from '../templates/console-words.js'
import { type ConfigProblem, problemsOf } from './problems.js'
import { type BotConfig, configSchema } from './schema.js'

/** A config problem the operator must fix; the message names the key and what is expected. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** Renders one of the console's messages about the config. */
export const configWords = consoleWords

/** One error for every problem found, so an operator fixes the file in one go. */
export function configError(problems: ConfigProblem[], file?: string): ConfigError {
  const plugins = problems.some((p) => p.key.startsWith('plugins.'))
  return new ConfigError(configWords('config-invalid', { file, problems, plugins }), file)
}

export function parseConfig(raw: unknown, file?: string): BotConfig {
  const result = configSchema.safeParse(raw ?? {})
  if (!result.success) throw configError(problemsOf(result.error.issues, configSchema, raw ?? {}), file)
  return result.data
}

/**
 * Reads the YAML config. Only the default file may be missing (defaults then); a file named on the command
 * line must exist, or a typo in its path would run the bot on defaults without a word.
 */
export async function loadConfig(file: string, options: { required?: boolean } = {}): Promise<BotConfig> {
  const path = resolve(file)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !options.required) return parseConfig({}, path)
    if (code === 'ENOENT') throw new ConfigError(configWords('config-missing', { file: path }), path)
    throw new ConfigError(
      configWords('config-unreadable', { file: path, reason: (error as Error).message }),
      path,
    )
  }
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined
    const reason = (error as Error).message.split('\n')[0]
    throw new ConfigError(configWords('config-yaml', { file: path, line: line ?? '?', reason }), path)
  }
  return parseConfig(raw, path)
}
