import type { PackProblem, PluginContext } from '../../src/index.js'
import { describeProblem } from '../../src/packs/load.js'
import { IdiomDictionary } from './idiom-chain.js'
import { idiomEntry, riddleEntry, withoutDuplicates } from './packs.js'
import type { RiddleQuestion } from './riddles.js'

/** The question banks a running bot plays from; replaced as a whole by `/游戏 重载`. */
export interface GameContent {
  riddles: RiddleQuestion[]
  idioms: IdiomDictionary
  problems: PackProblem[]
}

/** Reads the packs; broken entries are logged with file and entry and left out, the rest load. */
export function loadContent(ctx: PluginContext): GameContent {
  const riddlePacks = ctx.packs.load('riddles', riddleEntry)
  const riddles = withoutDuplicates(riddlePacks.entries, (r) => r.answer)
  const idiomPacks = ctx.packs.load('idioms', idiomEntry)
  const problems = [...riddlePacks.problems, ...riddles.problems, ...idiomPacks.problems]
  for (const problem of problems) ctx.logger.warn({ pack: problem.file }, describeProblem(problem))
  return {
    riddles: riddles.kept.map(({ question, answer, aliases, hint }) => ({ question, answer, aliases, hint })),
    idioms: new IdiomDictionary(idiomPacks.entries.map((i) => i.word)),
    problems,
  }
}
