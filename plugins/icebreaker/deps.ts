import type { PluginContext } from '../../src/index.js'
import type { IcebreakerConfig } from './config.js'
import type { SynonymTable } from './intro-fields.js'
import type { IcebreakerState } from './state.js'
import type { TemplateShown } from './template-shown.js'

/** What the commands, listeners and welcome share; built once in setup. */
export interface Deps {
  ctx: PluginContext
  config: IcebreakerConfig
  state: IcebreakerState
  /** built-in label variants merged with the configured ones */
  synonyms: SynonymTable
  /** who was shown the template lately: asking again, or a free-form hello right after, gets no second copy */
  templateShown: TemplateShown
}

/** Templates live in this plugin's folder: `icebreaker/<file>.njk`. */
export function say(deps: Deps, file: string, vars: Record<string, unknown> = {}): string {
  return deps.ctx.render(`icebreaker/${file}.njk`, { gift: deps.config.gift, ...vars })
}
