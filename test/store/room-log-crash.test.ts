import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { projectRoot, TestChat, tempDir } from '../support/harness.js'

/** Every room-log line under `<dataDir>/logs`, whatever the room and day. */
function loggedTexts(dataDir: string): string[] {
  const root = join(dataDir, 'logs')
  if (!existsSync(root)) return []
  return (
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .flatMap((name) => readFileSync(join(root, name), 'utf8').split('\n'))
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { text: string; bot?: true })
      // The bot's own reply may be logged too (after it left): what counts here is the members' messages.
      .flatMap((entry) => (entry.bot ? [] : [entry.text]))
  )
}

let chat: TestChat | undefined
afterEach(async () => {
  await chat?.stop()
  chat = undefined
})

describe('room logs when the process is killed', () => {
  it('hold a message by the time the reply to it is handed to the IM', async () => {
    chat = await TestChat.start()
    const { dataDir } = chat
    await chat.line('小明: 大家好')
    const loggedAtSend: string[][] = []
    const puppet = chat.sandbox.world.puppet
    const send = puppet.messageSendText.bind(puppet)
    vi.spyOn(puppet, 'messageSendText').mockImplementation((...args) => {
      loggedAtSend.push(loggedTexts(dataDir))
      return send(...args)
    })
    await chat.line('小红: 收到')
    await chat.line('小明: /计数')
    expect(loggedAtSend).toEqual([['大家好', '收到', '/计数']])
  })

  it('hold every message up to the one the bot just answered', async () => {
    const dataDir = tempDir()
    // node itself, in a process group of its own: killing npm or tsx's parent would leave the bot running
    // to flush its buffers at end of input, which is not a crash.
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--data', dataDir, '--echo'], {
      cwd: projectRoot,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, WECHATY_PUPPET: '', WECHATY_PUPPET_SERVICE_TOKEN: '' },
    })
    bot.stderr.resume() // read and dropped: the sandbox's start-up notice is not the test's output
    const exited = new Promise((resolve) => bot.on('exit', resolve))
    const burst = Array.from({ length: 30 }, (_, i) => `第 ${i + 1} 条：大家早上好`)
    const replied = new Promise<void>((resolve, reject) => {
      let seen = ''
      bot.stdout.setEncoding('utf8')
      bot.stdout.on('data', (chunk: string) => {
        seen += chunk
        if (seen.includes('小助手: 在的，小明')) resolve()
      })
      bot.on('exit', () => reject(new Error(`the bot exited before replying:\n${seen}`)))
    })
    // Standard input stays open: at its end the bot would shut down cleanly and write everything anyway.
    bot.stdin.write([...burst, '/在吗'].map((text) => `小明: ${text}\n`).join(''))
    await replied
    process.kill(-(bot.pid as number), 'SIGKILL')
    await exited
    expect(loggedTexts(dataDir)).toEqual([...burst, '/在吗'])
  }, 120_000)
})
