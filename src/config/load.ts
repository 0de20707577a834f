import { readFile } from 'node:fs/promises'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
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

/** Formats zod issues as `key.path: message` lines, the form operators can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(根)'
      return `  - ${key}: ${issue.message}`
    })
    .join('\n')
}

export function parseConfig(raw: unknown, file?: string): BotConfig {
  const result = configSchema.safeParse(raw ?? {})
  if (!result.success) {
    const where = file ? `配置文件 ${file}` : '配置'
    throw new ConfigError(`${where} 有误：\n${describeIssues(result.error.issues)}`, file)
  }
  return result.data
}

/** Reads the YAML config; a missing file means defaults. */
export async function loadConfig(file: string): Promise<BotConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseConfig({}, file)
    throw new ConfigError(`读不了配置文件 ${file}：${(error as Error).message}`, file)
  }
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    throw new ConfigError(`配置文件 ${file} 不是合法的 YAML：${(error as Error).message}`, file)
  }
  return parseConfig(raw, file)
}
