import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { projectRoot, tempDir } from '../support/harness.js'

/** `npm start` as an operator runs it (the sandbox, stdin kept open), with config.yaml's console section. */
function start(consoleSection: string, args: string[] = [], env: Record<string, string> = {}) {
  const dir = tempDir()
  const config = join(dir, 'config.yaml')
  writeFileSync(config, `admins: [运营小李]\nconsole:\n${consoleSection}\n`)
  const child = spawn('npm', ['start', '--', '--data', dir, '--config', config, ...args], {
    cwd: projectRoot,
    env: {
      ...process.env,
      WECHATY_PUPPET: '',
      WECHATY_PUPPET_SERVICE_TOKEN: '',
      QUNBOT_CONSOLE_TOKEN: '',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const until = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${stderr}`)), 60_000)
      const look = () => {
        const found = stderr.match(pattern)
        if (!found) return
        clearTimeout(timer)
        child.stderr?.off('data', look)
        resolve(found)
      }
      child.stderr?.on('data', look)
      look()
    })
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, until, exit, stderr: () => stderr }
}

let running: ChildProcess | undefined
afterEach(() => {
  running?.kill()
  running = undefined
})

describe('npm start opens the console', () => {
  it('prints its address on standard error, asks for sign-in, and closes with the bot', async () => {
    const bot = start('  port: 0')
    running = bot.child
    const [, url] = (await bot.until(/console: (http:\/\/127\.0\.0\.1:\d+)\n/)) as [string, string]
    const [, token] = (await bot.until(/登录口令（只显示这一次[^）]*）：(\S+)/)) as [string, string]
    expect((await fetch(`${url}/highlights`)).status).toBe(401)
    const api = await fetch(`${url}/api/rooms`, { headers: { authorization: `Bearer ${token}` } })
    expect(api.status).toBe(200)
    bot.child.stdin?.end(':room 读书会\n')
    expect(await bot.exit).toBe(0)
  }, 90_000)

  it('stays off with --no-console, and takes the token from QUNBOT_CONSOLE_TOKEN without printing it', async () => {
    const off = start('  port: 0', ['--no-console'])
    running = off.child
    await off.until(/现在运行的是沙盒/)
    off.child.stdin?.end('')
    expect(await off.exit).toBe(0)
    expect(off.stderr()).not.toContain('console:')

    const token = 'a-token-the-operator-chose-0123'
    const fixed = start('  port: 0', [], { QUNBOT_CONSOLE_TOKEN: token })
    running = fixed.child
    const [, url] = (await fixed.until(/console: (http:\/\/127\.0\.0\.1:\d+)\n/)) as [string, string]
    await fixed.until(/QUNBOT_CONSOLE_TOKEN/)
    expect(fixed.stderr()).not.toContain(token)
    const api = await fetch(`${url}/api/rooms`, { headers: { authorization: `Bearer ${token}` } })
    expect(api.status).toBe(200)
    fixed.child.stdin?.end('')
    expect(await fixed.exit).toBe(0)
  }, 90_000)

  it('warns when set to listen beyond this machine', async () => {
    const bot = start('  port: 0\n  host: 0.0.0.0')
    running = bot.child
    await bot.until(/console: http:\/\/0\.0\.0\.0:\d+/)
    expect(bot.stderr()).toMatch(/注意：控制台监听在 0\.0\.0\.0，不只是本机/)
    bot.child.stdin?.end('')
    expect(await bot.exit).toBe(0)
  }, 90_000)

  it('refuses a console section with a bad port, naming the key, before anything starts', async () => {
    const bot = start('  port: 99999')
    running = bot.child
    expect(await bot.exit).toBe(2)
    expect(bot.stderr()).toContain('console.port')
  }, 90_000)
})
