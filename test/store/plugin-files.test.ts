import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DiskPluginFiles, MemoryPluginFiles, type PluginFiles } from '../../src/store/plugin-files.js'
import { tempDir } from '../support/harness.js'

const kinds: Array<[string, () => PluginFiles]> = [
  ['on disk', () => new DiskPluginFiles(join(tempDir(), 'highlights'))],
  ['in memory', () => new MemoryPluginFiles('highlights')],
]

describe.each(kinds)('a plugin’s files %s', (_kind, make) => {
  it('are written whole, read back and listed by folder', async () => {
    const files = make()
    const room = files.nameFor('123@chatroom')
    await files.write(`${room}/2026-12-04 读书会.md`, '# 精华\n')
    await files.write(`${room}/index.md`, '索引')
    await files.write('index.md', '全部')
    expect(await files.read(`${room}/2026-12-04 读书会.md`)).toBe('# 精华\n')
    expect(await files.list()).toEqual([room, 'index.md'])
    expect(await files.list(room)).toEqual(['2026-12-04 读书会.md', 'index.md'])
    expect(await files.read('missing.md')).toBeUndefined()
    expect(await files.list('nowhere')).toEqual([])
  })

  it.each(['../state/core.json', '/etc/passwd', 'a//b', '.hidden', 'a\\..\\b', 'room/../../x'])(
    'refuse the path %s, which could leave the folder',
    async (path) => {
      const files = make()
      await expect(files.write(path, 'x')).rejects.toThrow(/inside the plugin's folder/)
      await expect(files.read(path)).rejects.toThrow(/inside the plugin's folder/)
    },
  )

  it('append to a file, making it when missing, without rewriting what is there', async () => {
    const files = make()
    await files.append('checkins/room.jsonl', 'one\n')
    await files.append('checkins/room.jsonl', 'two\n')
    expect(await files.read('checkins/room.jsonl')).toBe('one\ntwo\n')
    await expect(files.append('../x', 'y')).rejects.toThrow(/inside the plugin's folder/)
  })

  it('give distinct keys distinct names that stay inside one segment', () => {
    const files = make()
    const names = ['Room/1', 'room/1', '../x', '.'].map((key) => files.nameFor(key))
    expect(new Set(names).size).toBe(4)
    for (const name of names) expect(name).not.toMatch(/^\.|\//)
  })
})

it('on disk, a write replaces the file in one step and leaves no temporary file behind', async () => {
  const folder = join(tempDir(), 'highlights')
  const files = new DiskPluginFiles(folder)
  const path = await files.write('a/b.md', 'one')
  await files.write('a/b.md', 'two')
  expect(path).toBe(join(folder, 'a', 'b.md'))
  expect(readFileSync(path, 'utf8')).toBe('two')
  expect(existsSync(`${path}.tmp`)).toBe(false)
})
