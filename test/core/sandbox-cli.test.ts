import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot, tempDir } from '../support/harness.js'

/** `npm start -- --data DIR --echo < script`, exactly as a user or a CI job would run it. */
function runScript(script: string, dataDir: string) {
  return spawnSync('npm', ['start', '--', '--data', dataDir, '--echo'], {
    cwd: projectRoot,
    input: script,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, WECHATY_PUPPET: '', WECHATY_PUPPET_SERVICE_TOKEN: '' },
  })
}

describe('the sandbox in scripted mode', () => {
  it('prints the expected transcript, reports the bad line on stderr and exits 1', () => {
    const fixture = (name: string) => readFileSync(join(projectRoot, 'test/fixtures/sandbox', name), 'utf8')
    const result = runScript(fixture('basics.txt'), tempDir())
    expect(result.stdout).toBe(fixture('basics.expected.txt'))
    expect(result.stderr).toContain('未知指令 :bogus')
    expect(result.status).toBe(1)
    // Why it is a sandbox, said once, on standard error, with the variable for a real account.
    expect(result.stderr.match(/现在运行的是沙盒/g)).toHaveLength(1)
    expect(result.stderr).toContain('WECHATY_PUPPET_SERVICE_TOKEN')
  }, 120_000)

  it('takes the full-width colon, quoted names and :help, whose words go to standard error', () => {
    const result = runScript(':help\n:join "Tom Lee"\n"Tom Lee"：/在吗\n小明：/在吗\n', tempDir())
    expect(result.status).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe('> :help')
    expect(lines[1]).toBe('> :join "Tom Lee"')
    expect(lines[2]).toMatch(/^\[训练营1组\] 小助手: 欢迎 @Tom Lee /)
    expect(result.stdout).toContain('[训练营1组] 小助手: 在的，Tom Lee～')
    expect(result.stdout).toContain('[训练营1组] 小助手: 在的，小明～')
    expect(result.stdout).not.toContain('沙盒指令')
    expect(result.stderr).toContain('沙盒指令')
  }, 120_000)

  it('exits 0 when every line was accepted, and a second run on the same data continues the state', () => {
    const dataDir = tempDir()
    const first = runScript(':room 读书会\n小明: /计数\n', dataDir)
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('一共 1 次')
    const second = runScript(':room 读书会\n小明: /计数\n', dataDir)
    expect(second.stdout).toContain('一共 2 次')
  }, 120_000)
})
