import type { PackProblem, PluginContext } from '../../src/index.js'
import { describeProblem } from '../../src/packs/load.js'
import { IdiomDictionary } from './idiom-chain.js'
import { idiomEntry, pictureEntry, pictureFiles, riddleEntry, withoutDuplicates } from './packs.js'
import type { PictureQuestion } from './pictures.js'
import type { RiddleQuestion } from './riddles.js'

/** The question banks a running bot plays from; replaced as a whole by `/游戏 重载`. */
export interface GameContent {
  riddles: RiddleQuestion[]
  pictures: PictureQuestion[]
  idioms: IdiomDictionary
  problems: PackProblem[]
}

/** Reads the packs; broken entries are logged with file and entry and left out, the rest load. */
export function loadContent(ctx: PluginContext): GameContent {
  const riddlePacks = ctx.packs.load('riddles', riddleEntry)
  const riddles = withoutDuplicates(riddlePacks.entries, (r) => r.answer)
  const picturePacks = ctx.packs.load('pictures', pictureEntry, { files: pictureFiles })
  const pictures = withoutDuplicates(picturePacks.entries, (p) => p.answer)
  const idiomPacks = ctx.packs.load('idioms', idiomEntry)
  const problems = [
    ...riddlePacks.problems,
    ...riddles.problems,
    ...picturePacks.problems,
    ...pictures.problems,
    ...idiomPacks.problems,
  ]
  for (const problem of problems) ctx.logger.warn({ pack: problem.file }, describeProblem(problem))
  return {
    riddles: riddles.kept.map(({ question, answer, aliases, hint }) => ({ question, answer, aliases, hint })),
    // Image paths become absolute here: the round stores them and sends them as they are.
    pictures: pictures.kept.map(({ folder, image, answer, aliases, hints }) => ({
      image: `${folder}/${image}`,
      answer,
      aliases,
      hints: hints.map((h) => ('image' in h ? { image: `${folder}/${h.image}` } : { text: h.text })),
    })),
    idioms: new IdiomDictionary(idiomPacks.entries.map((i) => i.word)),
    problems,
  }
}
