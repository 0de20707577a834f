import type { z } from 'zod'
import type { PluginDefinition } from '../host/types.js'
import { configError, configWords } from './load.js'
import { type ConfigProblem, problemsOf, suggestKey } from './problems.js'
import type { BotConfig } from './schema.js'

/**
 * A plugin's config schema as the bot applies it: an object schema is made strict, so a misspelt key
 * (`gfit:`) is an error with a suggestion rather than a setting silently ignored.
 */
export function strictSchemaOf(plugin: PluginDefinition): z.ZodType | undefined {
  const schema = plugin.config
  if (!schema) return undefined
  const objectSchema = schema as z.ZodType & { strict?: () => z.ZodType; _zod: { def: { type: string } } }
  return objectSchema._zod.def.type === 'object' && objectSchema.strict ? objectSchema.strict() : schema
}

/** Every plugin's section validated with its schema; problems keyed `plugins.<name>.<key>`. */
export function sectionProblems(
  plugins: readonly PluginDefinition[],
  sections: BotConfig['plugins'],
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  for (const plugin of plugins) {
    const schema = strictSchemaOf(plugin)
    if (!schema) continue
    const raw = sections[plugin.name] ?? {}
    const result = schema.safeParse(raw)
    if (!result.success)
      problems.push(...problemsOf(result.error.issues, schema, raw, ['plugins', plugin.name]))
  }
  return problems
}

/** Names in `enabledPlugins` and under `plugins:` that no plugin has. */
export function unknownNameProblems(config: BotConfig, known: readonly PluginDefinition[]): ConfigProblem[] {
  const names = known.map((p) => p.name)
  const problem = (key: string, name: string): ConfigProblem => ({
    key,
    message: configWords('plugin-unknown', { name, suggestion: suggestKey(name, names), known: names }),
  })
  return [
    ...config.enabledPlugins.filter((n) => !names.includes(n)).map((n) => problem('enabledPlugins', n)),
    ...Object.keys(config.plugins)
      .filter((n) => !names.includes(n))
      .map((n) => problem(`plugins.${n}`, n)),
  ]
}

/**
 * Checks what the config says of plugins before any plugin runs: unknown names and every section of every
 * known plugin (an enabled one or not: a bad value is a mistake either way). Throws one ConfigError.
 */
export function checkPluginConfig(
  config: BotConfig,
  known: readonly PluginDefinition[],
  file?: string,
): void {
  const problems = [...unknownNameProblems(config, known), ...sectionProblems(known, config.plugins)]
  if (problems.length > 0) throw configError(problems, file)
}
