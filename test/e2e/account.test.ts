/**
 * Account mode as a user meets it: which puppet the environment selects, what happens when no login comes
 * (the real entry point, `src/main.ts`, run as a child process), what a logged-in bot writes where, and a
 * reconnect that fires `login` again.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { PuppetServer, PuppetService } from 'wechaty-puppet-service'
import { ConfigError, parseConfig } from '../../src/config/load.js'
import { silentLogger } from '../../src/logger.js'
import { bundledPlugins } from '../../src/plugins.js'
import { puppetFromEnv } from '../../src/runtime/account.js'
import { GroupBot } from '../../src/runtime/bot.js'
import { sharedTemplates } from '../../src/templates/renderer.js'
import { ManualClock } from '../../src/time/clock.js'
import { projectRoot, tempDir } from '../support/harness.js'
import { freePort, nextEvent, nextSaid } from './service-support.js'

// ---------------------------------------------------------------------------------------------------------

describe('puppetFromEnv', () => {
  const words = sharedTemplates(projectRoot, null)

  it('refuses a token without an endpoint, naming the missing variable', () => {
    const call = () => puppetFromEnv({ WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x' }, words)
    expect(call).toThrow(ConfigError)
    expect(call).toThrow(/WECHATY_PUPPET_SERVICE_ENDPOINT/)
  })

  it('gives a PuppetService for a token and an endpoint', () => {
    const puppet = puppetFromEnv(
      {
        WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x',
        WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:8788',
      },
      words,
    )
    expect(puppet).toBeInstanceOf(PuppetService)
  })

  it('prefers the puppet service over WECHATY_PUPPET when both are set', () => {
    const puppet = puppetFromEnv(
      {
        WECHATY_PUPPET: 'wechaty-puppet-wechat4u',
        WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x',
        WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:8788',
      },
      words,
    )
    expect(puppet).toBeInstanceOf(PuppetService)
  })

  it('gives the package name from WECHATY_PUPPET', () => {
    expect(puppetFromEnv({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u' }, words)).toBe(
      'wechaty-puppet-wechat4u',
    )
  })

  it('refuses an environment with no account at all', () => {
    const call = () => puppetFromEnv({}, words)
    expect(call).toThrow(ConfigError)
    expect(call).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN/)
  })
})

// ---------------------------------------------------------------------------------------------------------

interface Child {
  process: ChildProcess
  stdout(): string
  stderr(): string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const children: Child[] = []
const servers: PuppetServer[] = []
const timers: NodeJS.Timeout[] = []

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL')
    await c.exited
  }
  for (const t of timers.splice(0)) clearInterval(t)
  for (const s of servers.splice(0)) await s.stop()
})

/** `npm start` as a user runs it: `src/main.ts` with the given config, under a fresh data directory. */
function startMain(config: string, env: Record<string, string>): Child {
  const dir = tempDir('qunbot-e2e-')
  const configFile = join(dir, 'config.yaml')
  writeFileSync(configFile, config)
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('WECHATY_') && k !== 'LOG_LEVEL'),
  )
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'src/main.ts'),
      '--config',
      configFile,
      '--data',
      join(dir, 'data'),
    ],
    { cwd: projectRoot, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  )
  const handle: Child = { process: child, stdout: () => out, stderr: () => err, exited }
  children.push(handle)
  return handle
}

/** The child's exit, or a failure that shows what it printed so far. */
async function exitOf(
  child: Child,
  ms: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`child still running after ${ms} ms; stderr:\n${child.stderr()}`)),
      ms,
    )
  })
  try {
    return await Promise.race([child.exited, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Resolves once the child's standard error matches `pattern`. */
async function stderrMatches(child: Child, pattern: RegExp, ms: number): Promise<void> {
  const stream = child.process.stderr as unknown as EventEmitter
  if (pattern.test(child.stderr())) return
  await Promise.race([
    nextEvent(stream, 'data', () => pattern.test(child.stderr()), `stderr to match ${pattern}`, ms),
    child.exited.then(({ code }) => {
      throw new Error(`child exited (${code}) before stderr matched ${pattern}; stderr:\n${child.stderr()}`)
    }),
  ])
}

/** A puppet-service server on a loopback port; `onStart` runs when the client starts the puppet. */
async function startServer(onStart?: (mocker: mock.Mocker, puppet: PuppetMock) => void) {
  const mocker = new mock.Mocker()
  const puppet = new PuppetMock({ mocker })
  const endpoint = `127.0.0.1:${await freePort()}`
  const token = `insecure_${randomUUID()}`
  const server = new PuppetServer({ endpoint, puppet, token })
  await server.start()
  servers.push(server)
  if (onStart)
    puppet.on('start', () => {
      setImmediate(() => onStart(mocker, puppet))
    })
  timers.push(setInterval(() => puppet.emit('heartbeat', { data: 'e2e heartbeat' }), 5_000))
  return { mocker, puppet, endpoint, token }
}

const NO_LOGIN = /2 秒内没有登录成功/

describe('account mode: an endpoint that cannot be used fails fast, in words', () => {
  it('nothing listens on the endpoint → the endpoint and "refused" named, exit 1, long before the login timeout', async () => {
    const endpoint = `127.0.0.1:${await freePort()}`
    const child = startMain('login:\n  timeoutSeconds: 120\n', {
      WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x',
      WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint,
    })
    const { code } = await exitOf(child, 50_000)
    expect(code).toBe(1)
    expect(child.stderr()).toContain(`连不上微信服务（puppet service）${endpoint}`)
    expect(child.stderr()).toContain('连接被拒绝')
    expect(child.stderr()).not.toContain('ECONNREFUSED')
    expect(child.stdout()).toBe('')
  }, 60_000)

  it('an endpoint that speaks plain HTTP to a TLS token → the TLS mismatch and what insecure_ means', async () => {
    const http = createServer((_req, res) => res.end('hello'))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const { port } = http.address() as AddressInfo
    try {
      const child = startMain('login:\n  timeoutSeconds: 120\n', {
        WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_abc',
        WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${port}`,
      })
      const { code } = await exitOf(child, 50_000)
      expect(code).toBe(1)
      expect(child.stderr()).toContain('加密方式对不上（TLS）')
      expect(child.stderr()).toContain('insecure_')
      expect(child.stderr()).not.toContain('wrong version number')
    } finally {
      http.close()
    }
  }, 60_000)

  it('a token the puppet service does not know → the token named as the cause, exit 1', async () => {
    const { endpoint } = await startServer()
    const child = startMain('login:\n  timeoutSeconds: 120\n', {
      WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_not-the-right-one',
      WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint,
    })
    const { code } = await exitOf(child, 50_000)
    expect(code).toBe(1)
    expect(child.stderr()).toContain('服务拒绝了这个 token')
  }, 60_000)

  it('a puppet service that never logs in → the login-timeout message and exit status 1', async () => {
    const { endpoint, token } = await startServer()
    const child = startMain('login:\n  timeoutSeconds: 2\n', {
      WECHATY_PUPPET_SERVICE_TOKEN: token,
      WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint,
    })
    const { code } = await exitOf(child, 50_000)
    expect(child.stderr()).toMatch(NO_LOGIN)
    expect(code).toBe(1)
    expect(child.stdout()).toBe('')
  }, 60_000)
})

describe('account mode: a logged-in bot', () => {
  it('shows the QR code on stderr, answers over the service, prints nothing on stdout, exits 0 on SIGTERM', async () => {
    let botId = ''
    const { mocker, endpoint, token } = await startServer((m, puppet) => {
      m.scan('e2e-qrcode-payload')
      const me = m.createContact({ name: '小助手' })
      botId = me.id
      m.login(me)
      puppet.emit('ready', { data: 'ready' })
    })
    // The example plugin answers /在吗; real groups only get it when enabledPlugins names it.
    const child = startMain('login:\n  timeoutSeconds: 60\nenabledPlugins: [example, icebreaker]\n', {
      WECHATY_PUPPET_SERVICE_TOKEN: token,
      WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint,
    })
    await stderrMatches(child, /"msg":"logged in"/, 40_000)
    expect(child.stderr()).toContain('请用要登录的微信扫码')
    expect(child.stderr()).toContain('e2e-qrcode-payload')

    const member = mocker.createContact({ name: '王同学' })
    const room = mocker.createRoom({ topic: '训练营1组', memberIdList: [botId, member.id] })
    const reply = nextSaid(room, botId, 'the reply to /在吗 from the child process')
    member.say('/在吗').to(room)
    expect(await reply).toContain('在的')

    child.process.kill('SIGTERM')
    const { code } = await exitOf(child, 30_000)
    expect(code).toBe(0)
    expect(child.stdout()).toBe('')
  }, 90_000)
})

// ---------------------------------------------------------------------------------------------------------

describe('login firing again after a reconnect', () => {
  it('starts the outbox and the scheduler once, and the bot still answers after the re-login', async () => {
    const mocker = new mock.Mocker()
    const puppet = new PuppetMock({ mocker })
    const bot = await GroupBot.create({
      config: parseConfig({}),
      puppet,
      dataDir: tempDir(),
      projectRoot,
      clock: new ManualClock('Asia/Shanghai'),
      scheduleDriver: 'manual',
      pacing: 'off',
      plugins: bundledPlugins([]),
      logger: silentLogger(),
    })
    try {
      const onLogin = vi.spyOn(bot, 'onLogin')
      const schedulerStart = vi.spyOn(bot.scheduler, 'start')
      const outboxStart = vi.spyOn(bot.outbox, 'start')
      const wechaty = bot.wechaty as unknown as EventEmitter
      await bot.start()

      const me = mocker.createContact({ name: '小助手' })
      const member = mocker.createContact({ name: '王同学' })
      const firstLogin = nextEvent(wechaty, 'login', () => true, 'the first login')
      mocker.login(me)
      puppet.emit('ready', { data: 'ready' })
      await firstLogin
      await bot.settle()
      const room = mocker.createRoom({ topic: '训练营1组', memberIdList: [me.id, member.id] })

      const before = nextSaid(room, me.id, 'the reply before the reconnect')
      member.say('/计数').to(room)
      expect(await before).toContain('一共 1 次')

      const loggedOut = nextEvent(wechaty, 'logout', () => true, 'logout')
      await puppet.logout('kick')
      await loggedOut
      const secondLogin = nextEvent(wechaty, 'login', () => true, 'the second login')
      mocker.login(me)
      await secondLogin
      await bot.settle()

      expect(onLogin).toHaveBeenCalledTimes(2)
      expect(outboxStart).toHaveBeenCalledTimes(1)
      expect(schedulerStart).toHaveBeenCalledTimes(1)

      const after = nextSaid(room, me.id, 'the reply after the re-login')
      member.say('/计数').to(room)
      expect(await after).toContain('一共 2 次')
    } finally {
      await bot.stop()
    }
  }, 30_000)
})
