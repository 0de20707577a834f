import { createInterface } from 'node:readline'
import { wallTime } from '../time/zoned.js'
import type { Sandbox } from './sandbox.js'

export interface CliOptions {
  echo: boolean
  input: NodeJS.ReadableStream & { isTTY?: boolean }
  output: NodeJS.WritableStream
  errors: NodeJS.WritableStream
}

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
    rl.setPrompt(promptText(sandbox.currentTopic, sandbox.clock.now(), sandbox.clock.timeZone))
    rl.prompt()
  }
  let rejected = false
  let lineNumber = 0
  for (const out of sandbox.startupOutput) options.output.write(`${out}\n`)
  if (interactive) {
    options.output.write(`${sandbox.words.render('sandbox/welcome.njk')}\n`)
    prompt()
  }
  for await (const line of rl) {
    lineNumber++
    if (options.echo && !interactive) options.output.write(`> ${line}\n`)
    const result = await sandbox.exec(line)
    for (const out of result.output) options.output.write(`${out}\n`)
    // Standard output of a script carries the chat only (SANDBOX.md): the sandbox's own words go aside.
    if (result.info) (interactive ? options.output : options.errors).write(`${result.info}\n`)
    if (result.error) {
      rejected = true
      const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line
      const message = sandbox.words.render('sandbox/line-rejected.njk', {
        number: lineNumber,
        line: shown,
        reason: result.error,
      })
      options.errors.write(`${message}\n`)
    }
    if (interactive) prompt()
  }
  return rejected ? 1 : 0
}

/** The interactive prompt: the room you speak in and the simulated time, `[训练营1组 12-01 08:00]> `. */
export function promptText(topic: string, now: Date, timeZone: string): string {
  const w = wallTime(now, timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `[${topic} ${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}]> `
}
