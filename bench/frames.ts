import { relative } from 'node:path'

/** A frame as V8's CPU and sampling heap profiles both describe it. */
export interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

/** `name path:line`, the path short: inside node_modules from the package, else relative to the cwd. */
export function frameLabel({ functionName, url, lineNumber }: CallFrame): string {
  const where = url.replace(/^file:\/\//, '')
  const short = where.includes('node_modules')
    ? where.slice(where.lastIndexOf('node_modules') + 13)
    : where.startsWith('/')
      ? relative(process.cwd(), where)
      : where
  return `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim()
}

/** Reads `FILE [N]` from the command line or exits with the usage line; piping into head is no error. */
export function profileArgs(usage: string): { file: string; top: number } {
  process.stdout.on('error', () => process.exit(0))
  const [file, topArg] = process.argv.slice(2)
  if (!file) {
    process.stderr.write(`usage: ${usage}\n`)
    process.exit(2)
  }
  return { file, top: Number(topArg ?? 30) }
}
