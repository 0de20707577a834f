import example from '../plugins/example/index.js'
import icebreaker from '../plugins/icebreaker/index.js'
import type { PluginDefinition } from './host/types.js'

/** The plugins that ship with the bot; `enabledPlugins` in config.yaml narrows the list. */
const BUNDLED: PluginDefinition[] = [example as PluginDefinition, icebreaker as PluginDefinition]

export function bundledPlugins(enabled: string[]): PluginDefinition[] {
  if (enabled.length === 0) return BUNDLED
  return BUNDLED.filter((p) => enabled.includes(p.name))
}
