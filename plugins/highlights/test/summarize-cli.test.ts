import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot, tempDir } from '../../../test/support/harness.js'

/** `npm run summarize`, run as a user runs it: the highlight alone on standard output. */
function summarize(args: string[], input?: string) {
  const env = { ...process.env, OPENAI_API_KEY: '' }
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/summarize.ts', ...args], {
    cwd: projectRoot,
    input,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const CHAT = [
  '小明: 我觉得早起最难的是前一天晚上早睡，手机一放下就好了。',
  '小红: 我试过闹钟放远一点，必须下床才能关，这个办法很有效！',
  '阿杰: 早上起来先喝一杯温水，人会清醒很多。',
  '小明: 周末可以晚半小时，但别睡到中午，不然周一很痛苦。',
].join('\n')

describe('npm run summarize', () => {
  it('summarises NAME: text lines from standard input, offline without a key, progress on standard error', () => {
    const run = summarize([], CHAT)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^【精华】.*（离线整理）\n1\. /u)
    expect(run.stdout).toContain('参与讨论：小明（2）、小红（1）、阿杰（1），共 4 条消息')
    expect(run.stderr).toContain('读到 4 条发言')
    expect(run.stdout).not.toContain('读到')
  }, 60_000)

  it('reads the JSON form from a file, ignoring other fields, within --max-chars', () => {
    const file = join(tempDir(), 'chat.json')
    const turns = CHAT.split('\n').map((line) => {
      const [speaker, text] = line.split(': ')
      return { speaker, text, time: '2026-12-04T10:00:00Z', id: 1 }
    })
    writeFileSync(file, JSON.stringify({ room: '训练营', turns }))
    const run = summarize(['--offline', '--max-chars', '60', file])
    expect(run.status).toBe(0)
    const points = run.stdout.split('\n').filter((line) => /^\d+\. /u.test(line))
    expect(points.join('').replace(/^\d+\. /gmu, '').length).toBeLessThanOrEqual(60 + 5)
  }, 60_000)

  it('says what is wrong with empty input, a missing file or a bad option, exit 2, nothing on standard output', () => {
    for (const run of [
      summarize([], '\n'),
      summarize(['/no/such/file.json']),
      summarize(['--max-chars', 'abc']),
    ]) {
      expect(run.status).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr.trim()).not.toBe('')
    }
  }, 60_000)
})
