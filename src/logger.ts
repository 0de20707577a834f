import { pino } from 'pino'

export type Logger = pino.Logger

/**
 * Logs go to standard error (or a file), never standard output: the sandbox's standard output is a line
 * protocol that scripts read.
 */
export function createLogger(options: { level?: string; file?: string } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info'
  const destination = options.file
    ? pino.destination({ dest: options.file, mkdir: true, sync: false })
    : pino.destination({ fd: 2, sync: true })
  return pino({ level, base: undefined }, destination)
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}
