import { pino } from 'pino'
import pretty from 'pino-pretty'
import { localDateTime } from './time/zoned.js'

export type Logger = pino.Logger

export type LogFormat = 'auto' | 'pretty' | 'json'

export interface LoggerOptions {
  level?: string
  /** 'auto': readable lines when standard error is a terminal, JSON lines otherwise (files, pm2, docker) */
  format?: LogFormat
  /** the community's zone: log times read like the schedules do */
  timeZone?: string
  /** a file instead of standard error */
  file?: string
}

/**
 * Logs go to standard error (or a file), never standard output: the sandbox's standard output is a line
 * protocol that scripts read.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info'
  const zone = options.timeZone ?? 'Asia/Shanghai'
  const readable =
    !options.file && (options.format === 'pretty' || (options.format !== 'json' && process.stderr.isTTY))
  if (readable) {
    const stream = pretty({
      destination: 2,
      sync: true,
      translateTime: false,
      ignore: 'pid,hostname,plugin',
      messageFormat: '{if plugin}[{plugin}] {end}{msg}',
      singleLine: true,
    })
    const local = () => `,"time":"${localDateTime(new Date(), zone)}"`
    return pino({ level, base: undefined, timestamp: local }, stream)
  }
  const destination = options.file
    ? pino.destination({ dest: options.file, mkdir: true, sync: false })
    : pino.destination({ fd: 2, sync: true })
  return pino({ level, base: undefined }, destination)
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}
