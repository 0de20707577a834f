import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'
import { type ConsoleEnv, createConsoleApp } from './app.js'
import { ConsoleAuth, newToken } from './auth.js'
import { type ConsoleBackend, ConsoleData } from './data.js'
import { ConsoleViews } from './views.js'

export interface ConsoleOptions {
  /** 0 picks a free port */
  port: number
  host: string
  /** the admins named in config.yaml */
  admins: readonly string[]
  /** the sign-in token; a fresh random one when not given */
  token?: string
}

export interface RunningConsole {
  url: string
  port: number
  token: string
  app: Hono<ConsoleEnv>
  data: ConsoleData
  close(): Promise<void>
}

export class ConsoleStartError extends Error {
  constructor(
    readonly reason: 'in-use' | 'short-token' | 'other',
    detail: string,
  ) {
    super(detail)
  }
}

/** A token set by the operator must be hard to guess. */
export const MIN_TOKEN_LENGTH = 16

/** Serves the console over the running bot, in this process; resolves once it listens. */
export async function startConsole(
  backend: ConsoleBackend,
  options: ConsoleOptions,
): Promise<RunningConsole> {
  const token = options.token ?? newToken()
  if (token.length < MIN_TOKEN_LENGTH) throw new ConsoleStartError('short-token', 'token too short')
  const data = new ConsoleData(backend)
  const parts = {
    data,
    auth: new ConsoleAuth(token, options.admins),
    views: new ConsoleViews(backend.clock.timeZone),
  }
  const app = createConsoleApp(parts)
  const server = createAdaptorServer({ fetch: app.fetch }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConsoleStartError(error.code === 'EADDRINUSE' ? 'in-use' : 'other', error.message)),
    )
    server.listen(options.port, options.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
  // The search index is built now, in slices, so the first search is quick and the chat never waits.
  data
    .highlights()
    .catch((error: unknown) => backend.logger.warn({ err: error }, 'console: search index not built yet'))
  return {
    url: `http://${shownHost}:${port}`,
    port,
    token,
    app,
    data,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
