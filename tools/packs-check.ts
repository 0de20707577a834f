import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  idiomEntry,
  pictureEntry,
  pictureFiles,
  riddleEntry,
  withoutDuplicates,
} from '../plugins/games/packs.js'
import { describeProblem, loadPacks, type PackProblem } from '../src/packs/load.js'

/**
 * `npm run packs:check [DIR]`: validates every content pack (default `data/packs/`), prints each problem with
 * its file and entry, and ends with one line of counts. Exit 1 when anything is wrong.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = process.argv[2] ?? join(root, 'data', 'packs')

const riddles = loadPacks(dir, 'riddles', riddleEntry)
const uniqueRiddles = withoutDuplicates(riddles.entries, (r) => r.answer)
const pictures = loadPacks(dir, 'pictures', pictureEntry, { files: pictureFiles })
const uniquePictures = withoutDuplicates(pictures.entries, (p) => p.answer)
const idioms = loadPacks(dir, 'idioms', idiomEntry)
const uniqueIdioms = withoutDuplicates(idioms.entries, (i) => i.word)
const problems: PackProblem[] = [
  ...riddles.problems,
  ...uniqueRiddles.problems,
  ...pictures.problems,
  ...uniquePictures.problems,
  ...idioms.problems,
  ...uniqueIdioms.problems,
]
for (const problem of problems) console.log(describeProblem(problem))
console.log(
  `packs: ${uniqueRiddles.kept.length} riddles, ${uniquePictures.kept.length} pictures, ${uniqueIdioms.kept.length} idioms`,
)
process.exit(problems.length > 0 ? 1 : 0)
