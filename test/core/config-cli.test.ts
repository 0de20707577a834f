import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { checkPluginConfig } from '../../src/config/plugin-sections.js'
import { allPlugins } from '../../src/plugins.js'
import { projectRoot, tempDir } from '../support/harness.js'

/** What start-up says of a config file, checked in-process as main does. */
async function complaintAbout(configText: string): Promise<string> {
  const file = join(tempDir(), 'config.yaml')
  writeFileSync(file, configText)
  try {
    checkPluginConfig(await loadConfig(file, { required: true }), allPlugins(), file)
    return ''
  } catch (error) {
    return (error as Error).message
  }
}

/** Runs the real entry point as an operator would (no account, no input) with a config file. */
function start(configText: string | undefined, extra: string[] = []) {
  const dir = tempDir()
  const args = ['--import', 'tsx', 'src/main.ts', '--data', join(dir, 'data'), ...extra]
  if (configText !== undefined) {
    writeFileSync(join(dir, 'config.yaml'), configText)
    args.push('--config', join(dir, 'config.yaml'))
  }
  const run = spawnSync(process.execPath, args, {
    cwd: projectRoot,
    input: '',
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, WECHATY_PUPPET_SERVICE_TOKEN: '', WECHATY_PUPPET: '' },
  })
  return { status: run.status, stderr: run.stderr, stdout: run.stdout }
}

describe('a config mistake stops start-up with a Chinese message naming the key', () => {
  const cases: Array<{ seen: string; config: string; says: string[] }> = [
    {
      seen: 'a misspelt plugin in enabledPlugins',
      config: 'enabledPlugins: [icebreker]\n',
      says: ['enabledPlugins', '没有叫「icebreker」的插件', 'icebreaker', '现有插件'],
    },
    {
      seen: 'a misspelt key in a plugin section',
      config: 'plugins:\n  icebreaker:\n    gfit: 大礼包\n',
      says: ['plugins.icebreaker.gfit', '没有这一项', '你是不是想写 gift'],
    },
    {
      seen: 'a section for a plugin that does not exist',
      config: 'plugins:\n  checkins:\n    remindAt: "21:00"\n',
      says: ['plugins.checkins', '没有叫「checkins」的插件', '你是不是想写 checkin'],
    },
    {
      seen: 'a value of the wrong type in a plugin section',
      config: 'plugins:\n  icebreaker:\n    gift: 123\n',
      says: ['plugins.icebreaker.gift', '期望', '现在写的是 123'],
    },
    {
      seen: 'a wrong type in the core config, in zod’s Chinese',
      config: 'logs:\n  keepDays: 很多\n',
      says: ['logs.keepDays', '无效输入', '期望 数字', '"很多"'],
    },
    {
      seen: 'a misspelt key in a core section',
      config: 'outbox:\n  dailyCapp: 100\n  quietHours:\n    start: "23:00"\n    ends: "07:00"\n',
      says: ['outbox.dailyCapp', '你是不是想写 dailyCap', 'outbox.quietHours.ends', '你是不是想写 end'],
    },
    {
      seen: 'an unknown top-level key with a near one',
      config: 'botname: 小帮手\n',
      says: ['botname', '你是不是想写 botName'],
    },
  ]

  it.each(cases)('$seen', async ({ config, says }) => {
    const complaint = await complaintAbout(config)
    for (const words of says) expect(complaint).toContain(words)
    expect(complaint).not.toMatch(/Invalid input|Unrecognized key|expected/)
  })

  it('exits 2 from the command line, every problem listed, no stack trace, nothing on standard output', () => {
    const run = start('enabledPlugins: [icebreker]\nplugins:\n  icebreaker:\n    gift: 123\n')
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('enabledPlugins')
    expect(run.stderr).toContain('plugins.icebreaker.gift')
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/)
  })

  it('refuses a --config file that does not exist', () => {
    const run = start(undefined, ['--config', '/nonexistent/config.yaml'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('找不到配置文件 /nonexistent/config.yaml')
  })

  it('starts on a config that only sets plugins it knows', () => {
    const run = start('enabledPlugins: [icebreaker]\nplugins:\n  icebreaker:\n    gift: 奶茶\n')
    expect(run.status).toBe(0)
  })
})
