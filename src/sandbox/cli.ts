import { createInterface } from 'node:readline'
import type { Sandbox } from './sandbox.js'

export interface CliOptions {
  echo: boolean
  input: NodeJS.ReadableStream & { isTTY?: boolean }
  output: NodeJS.WritableStream
  errors: NodeJS.WritableStream
}

const WELCOME =
  '沙盒已启动：你来扮演群里的每个人。输入「名字: 内容」代表这位群友说话，例如「王老师: /帮助」；\n' +
  ':owner 王老师 设群主，:join 小明 小红 有人进群，:room 读书会 换个群，:clock / :advance 拨时钟。Ctrl+D 退出。\n'

/**
 * Interactive when standard input is a terminal (a prompt showing the current room), scripted otherwise:
 * only the bot's output (and the input lines with --echo) on standard output, reasons for rejected lines
 * on standard error. Returns the exit status: 1 if any line was rejected.
 */
export async function runSandboxCli(sandbox: Sandbox, options: CliOptions): Promise<number> {
  const interactive = Boolean(options.input.isTTY)
  const rl = createInterface({
    input: options.input,
    // Only a terminal gets readline's echo and prompt; scripted runs must print nothing but the chat.
    output: interactive ? options.output : undefined,
    terminal: interactive,
    crlfDelay: Number.POSITIVE_INFINITY,
  })
  const prompt = () => {
    rl.setPrompt(`${sandbox.currentTopic} > `)
    rl.prompt()
  }
  let rejected = false
  let lineNumber = 0
  for (const out of sandbox.startupOutput) options.output.write(`${out}\n`)
  if (interactive) {
    options.output.write(WELCOME)
    prompt()
  }
  for await (const line of rl) {
    lineNumber++
    if (options.echo && !interactive) options.output.write(`> ${line}\n`)
    const result = await sandbox.exec(line)
    for (const out of result.output) options.output.write(`${out}\n`)
    if (result.error) {
      rejected = true
      const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line
      options.errors.write(`第 ${lineNumber} 行「${shown}」没有执行：${result.error}\n`)
    }
    if (interactive) prompt()
  }
  return rejected ? 1 : 0
}
