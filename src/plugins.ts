import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { PluginDefinition } from './host/types.js'

const pluginsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'plugins')

/**
 * Every folder of `plugins/` with an `index.ts` is a plugin: adding one needs no edit to the framework.
 * Found once, at import, in name order, so that load order (and so listener ties) is the same on every run.
 */
async function discover(): Promise<PluginDefinition[]> {
  const folders = readdirSync(pluginsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  const found: PluginDefinition[] = []
  for (const folder of folders) {
    const entry = join(pluginsDir, folder, 'index.ts')
    if (!readdirSync(join(pluginsDir, folder)).includes('index.ts')) continue
    const module = (await import(pathToFileURL(entry).href)) as { default?: PluginDefinition }
    if (!module.default?.name || typeof module.default.setup !== 'function') {
      throw new Error(`plugins/${folder}/index.ts does not default-export a definePlugin(...)`)
    }
    found.push(module.default)
  }
  return found
}

const BUNDLED = await discover()

/** Where the bot runs: some plugins (the example) are only switched on by default in the sandbox. */
export type RunPlace = 'sandbox' | 'account'

/** Every plugin found, whatever the config says. */
export function allPlugins(): PluginDefinition[] {
  return [...BUNDLED]
}

/**
 * The plugins to load: those `enabledPlugins` names, or with an empty list every plugin that is on by default
 * where the bot runs (`defaultEnabled: 'sandbox'` keeps the example out of real groups).
 */
export function bundledPlugins(enabled: string[], place: RunPlace = 'sandbox'): PluginDefinition[] {
  if (enabled.length > 0) return BUNDLED.filter((p) => enabled.includes(p.name))
  return BUNDLED.filter((p) => (p.defaultEnabled ?? true) === true || p.defaultEnabled === place)
}
