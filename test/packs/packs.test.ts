import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  idiomEntry,
  pictureEntry,
  pictureFiles,
  riddleEntry,
  withoutDuplicates,
} from '../../plugins/games/packs.js'
import { describeProblem, loadPacks } from '../../src/packs/load.js'
import { buildIdioms } from '../../tools/packs-build.js'
import { buildPictures } from '../../tools/pictures-build.js'
import { projectRoot, tempDir } from '../support/harness.js'

function packsWith(files: Record<string, string>): string {
  const dir = tempDir()
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

describe('content packs', () => {
  it('reports a broken entry with its file and position and loads the rest', () => {
    const dir = packsWith({
      'riddles/a.yaml':
        '- question: 什么门关不上？\n  answer: 球门\n- question: 没有答案的题\n- question: 提示泄底\n  answer: 水\n  hint: 水\n',
      'riddles/b.yaml': 'question: [unclosed\n',
      'riddles/c.json': '{"items": [{"question": "九十九（打一字）", "answer": "白"}]}',
    })
    const loaded = loadPacks(dir, 'riddles', riddleEntry)
    expect(loaded.entries.map((e) => e.answer)).toEqual(['球门', '白'])
    expect(loaded.problems.map(describeProblem)).toEqual([
      expect.stringMatching(/^riddles\/a\.yaml 第 2 条：answer：/),
      expect.stringMatching(/^riddles\/a\.yaml 第 3 条（水）：hint：提示和答案一样/),
      expect.stringMatching(/^riddles\/b\.yaml：读不了这个文件/),
    ])
  })

  it('drops a duplicate answer across files, naming both', () => {
    const dir = packsWith({
      'riddles/a.yaml': '- question: 什么东西越洗越脏？\n  answer: 水\n',
      'riddles/b.yaml': '- question: 另一道\n  answer: 「水」\n',
    })
    const { kept, problems } = withoutDuplicates(
      loadPacks(dir, 'riddles', riddleEntry).entries,
      (r) => r.answer,
    )
    expect(kept).toHaveLength(1)
    expect(describeProblem(problems[0]!)).toBe(
      'riddles/b.yaml 第 1 条（「水」）：答案和 riddles/a.yaml 里的一条重复了，这条跳过',
    )
  })

  it('reports a picture whose image file is missing, and keeps the others', () => {
    const dir = packsWith({
      'pictures/a.yaml':
        '- image: images/here.png\n  answer: 对牛弹琴\n- image: images/gone.png\n  answer: 画蛇添足\n',
      'pictures/images/here.png': 'png',
    })
    const loaded = loadPacks(dir, 'pictures', pictureEntry, { files: pictureFiles })
    expect(loaded.entries.map((e) => e.answer)).toEqual(['对牛弹琴'])
    expect(loaded.problems.map(describeProblem)).toEqual([
      'pictures/a.yaml 第 2 条（画蛇添足）：找不到文件 images/gone.png',
    ])
  })

  it('ships packs that pass the check: npm run packs:check ends with the counts line', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/packs-check.ts'], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    const last = run.stdout.trim().split('\n').at(-1) ?? ''
    const m = /^packs: (\d+) riddles, (\d+) pictures, (\d+) idioms$/.exec(last)
    expect(m).not.toBeNull()
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(60)
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(24)
    expect(Number(m?.[3])).toBeGreaterThanOrEqual(3000)
  })

  it('draws the picture puzzles byte for byte as committed, without a system font', () => {
    const out = tempDir()
    buildPictures(out)
    const committed = join(projectRoot, 'data', 'packs', 'pictures')
    const names = readdirSync(join(committed, 'images')).sort()
    expect(readdirSync(join(out, 'images')).sort()).toEqual(names)
    for (const name of names) {
      expect(
        readFileSync(join(out, 'images', name)).equals(readFileSync(join(committed, 'images', name))),
      ).toBe(true)
    }
    expect(readFileSync(join(out, 'starter.yaml'), 'utf8')).toBe(
      readFileSync(join(committed, 'starter.yaml'), 'utf8'),
    )
  })

  it('builds the idiom list from CC-CEDICT byte for byte as committed', () => {
    const out = tempDir()
    buildIdioms(out)
    const committed = join(projectRoot, 'data', 'packs', 'idioms', 'cc-cedict.json')
    expect(readFileSync(join(out, 'cc-cedict.json'), 'utf8')).toBe(readFileSync(committed, 'utf8'))
    expect(loadPacks(join(projectRoot, 'data', 'packs'), 'idioms', idiomEntry).problems).toEqual([])
  })
})
