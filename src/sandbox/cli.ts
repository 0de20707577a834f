import { createInterface } from 'node:readline'
import type { Sandbox } from './sandbox.js'

export interface CliOptions {
  echo: boolean
  input: NodeJS.ReadableStream & { isTTY?: boolean }
  output: NodeJS.WritableStream
  errors: NodeJS.WritableStream
}

/**
 * Interactive when standard input is a terminal (a prompt), scripted otherwise: only the bot's output (and
 * the input lines with --echo) on standard output, reasons for rejected lines on standard error.
 * Returns the exit status: 1 if any line was rejected.
 */
export async function runSandboxCli(sandbox: Sandbox, options: CliOptions): Promise<number> {
  const interactive = Boolean(options.input.isTTY)
  const rl = createInterface({
    input: options.input,
    terminal: interactive,
    crlfDelay: Number.POSITIVE_INFINITY,
  })
  let rejected = false
  for (const out of sandbox.startupOutput) options.output.write(`${out}\n`)
  if (interactive) {
    options.output.write(
      '沙盒已启动：输入「名字: 内容」代表群成员说话，:room / :join / :clock 等指令见 README。Ctrl+D 退出。\n',
    )
    rl.setPrompt('> ')
    rl.prompt()
  }
  for await (const line of rl) {
    if (options.echo && !interactive) options.output.write(`> ${line}\n`)
    const result = await sandbox.exec(line)
    for (const out of result.output) options.output.write(`${out}\n`)
    if (result.error) {
      rejected = true
      options.errors.write(
        `第 ${line.length > 40 ? `${line.slice(0, 40)}…` : line} 行被拒绝：${result.error}\n`,
      )
    }
    if (interactive) rl.prompt()
  }
  return rejected ? 1 : 0
}
