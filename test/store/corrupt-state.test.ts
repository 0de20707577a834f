import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StateFileCorruptError } from '../../src/store/state-store.js'
import { projectRoot, TestChat, tempDir } from '../support/harness.js'

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

/** A day in a room that leaves every kind of state file behind: the core's, the outbox's, plugins', the world. */
const DAY = [
  ':room 读书会',
  ':owner 王老师',
  '小明: /计数',
  '王老师: /组长 添加 @小明',
  '王老师: /破冰 模板 昵称 城市',
]

async function runDay(dataDir: string, lines: string[] = DAY): Promise<string[]> {
  chat = await TestChat.start({ dataDir })
  const out: string[] = []
  for (const line of lines) out.push(...(await chat.line(line)))
  await chat.stop()
  chat = undefined
  return out
}

const damage: Array<{ how: string; spoil: (text: string) => string }> = [
  { how: 'truncated', spoil: (text) => text.slice(0, Math.floor(text.length / 2)) },
  { how: 'emptied', spoil: () => '' },
  { how: 'of the wrong shape', spoil: () => '[1, 2, 3]\n' },
]

const files = [
  'state/core.json',
  'state/outbox.json',
  'state/example.json',
  'state/icebreaker.json',
  'sandbox/world.json',
]

describe('one policy for every state file: a damaged one stops start-up and is never overwritten', () => {
  for (const file of files) {
    it.each(damage)(`${file} $how`, async ({ spoil }) => {
      const dataDir = tempDir()
      await runDay(dataDir)
      await runDay(dataDir, [':room 读书会']) // a clean start keeps each file's good copy
      const path = join(dataDir, file)
      const damaged = spoil(readFileSync(path, 'utf8'))
      writeFileSync(path, damaged)

      const error = await TestChat.start({ dataDir }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StateFileCorruptError)
      const message = (error as Error).message
      expect(message).toContain(path)
      expect(message).toContain(`mv "${path}.bak" "${path}"`)
      expect(message).toContain('.broken')
      expect(readFileSync(path, 'utf8')).toBe(damaged)
    })
  }

  it('the kept good copy, moved back into place, brings the state back', async () => {
    const dataDir = tempDir()
    await runDay(dataDir)
    await runDay(dataDir, [':room 读书会'])
    for (const file of files) writeFileSync(join(dataDir, file), '{"trunc')
    for (const file of files) renameSync(join(dataDir, `${file}.bak`), join(dataDir, file))
    const out = await runDay(dataDir, [':room 读书会', '小红: /组长', '小明: /计数', '王老师: /破冰 模板'])
    expect(out.join('\n')).toContain('王老师（群主）、小明')
    expect(out.join('\n')).toContain('一共 2 次')
    expect(out.join('\n')).toContain('城市')
  })

  it('a missing file is a fresh start, not damage', async () => {
    const dataDir = tempDir()
    await runDay(dataDir, [':room 读书会'])
    expect(existsSync(join(dataDir, 'state/example.json'))).toBe(false)
    await runDay(dataDir, [':room 读书会', '小明: /计数'])
  })

  it('from the command line: exit 2, the file and the way back on standard error, nothing on standard output', async () => {
    const dataDir = tempDir()
    await runDay(dataDir)
    await runDay(dataDir, [':room 读书会'])
    const world = join(dataDir, 'sandbox/world.json')
    writeFileSync(world, readFileSync(world, 'utf8').slice(0, 20))
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--data', dataDir], {
      cwd: projectRoot,
      input: ':room 读书会\n',
      encoding: 'utf8',
      env: { ...process.env, WECHATY_PUPPET: '', WECHATY_PUPPET_SERVICE_TOKEN: '' },
    })
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`状态文件 ${world} 损坏了`)
    expect(run.stderr).toContain(`mv "${world}.bak" "${world}"`)
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/)
  })
})
