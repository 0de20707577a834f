import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseConfig } from '../../src/config/load.js'
import type { PluginDefinition } from '../../src/host/types.js'
import type { LlmClient } from '../../src/llm/types.js'
import { silentLogger } from '../../src/logger.js'
import { bundledPlugins } from '../../src/plugins.js'
import { Sandbox } from '../../src/sandbox/sandbox.js'

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export function tempDir(prefix = 'qunbot-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export interface ChatOptions {
  /** raw config, as config.yaml would hold it */
  config?: Record<string, unknown>
  plugins?: PluginDefinition[]
  dataDir?: string
  startAt?: Date
  llm?: LlmClient
  /** the model's key and address, as the environment would give them (`OPENAI_API_KEY`, `OPENAI_BASE_URL`) */
  llmEnv?: Record<string, string>
}

/**
 * Transcript tests drive the real bot on Wechaty's mock puppet through the sandbox engine, one protocol
 * line at a time: `await chat.line('王老师: /帮助')` resolves with what the bot said, once all its work
 * (handlers, sends, store writes) has finished. Nothing sleeps.
 */
export class TestChat {
  private constructor(
    readonly sandbox: Sandbox,
    readonly dataDir: string,
  ) {}

  static async start(options: ChatOptions = {}): Promise<TestChat> {
    const dataDir = options.dataDir ?? tempDir()
    const sandbox = await Sandbox.start({
      config: parseConfig(options.config ?? {}),
      dataDir,
      projectRoot,
      plugins: options.plugins ?? bundledPlugins([]),
      logger: silentLogger(),
      llm: options.llm,
      llmEnv: options.llmEnv,
      startAt: options.startAt,
    })
    return new TestChat(sandbox, dataDir)
  }

  /** Runs one line; a rejected line fails the test with its reason. */
  async line(line: string): Promise<string[]> {
    const result = await this.sandbox.exec(line)
    if (result.error) throw new Error(`line rejected: ${line}: ${result.error}`)
    return result.output
  }

  /** Runs one line and returns the bot's output as one string (lines joined by \n). */
  async say(line: string): Promise<string> {
    return (await this.line(line)).join('\n')
  }

  /** Runs several lines, returning everything the bot said. */
  async script(text: string): Promise<string[]> {
    const out: string[] = []
    for (const l of text.split('\n')) out.push(...(await this.line(l)))
    return out
  }

  /** Runs a line that must be rejected, returning the reason. */
  async rejected(line: string): Promise<string> {
    const result = await this.sandbox.exec(line)
    if (!result.error) throw new Error(`line was accepted: ${line}`)
    return result.error
  }

  private stopped = false

  /** Idempotent, so a test may stop early (to restart) and afterEach may stop again. */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    await this.sandbox.stop()
  }
}
