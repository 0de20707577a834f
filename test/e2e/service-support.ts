import type { EventEmitter } from 'node:events'
import { createServer } from 'node:net'
import type { mock } from 'wechaty-puppet-mock'

/** Shared by the end-to-end tests that talk to a mock puppet over the puppet service. */
export type ContactMock = ReturnType<mock.Mocker['createContact']>
export type RoomMock = ReturnType<mock.Mocker['createRoom']>
export interface SentPayload {
  talkerId: string
  text?: string
}

// The puppet server these tests run in-process calls grpc-js's Server#start(), which grpc-js now reports as
// deprecated on every start; it is the library's call, not ours, and says nothing about the test.
process.noDeprecation = true

/** How long one hop over gRPC may take on a busy machine before a test calls it lost. */
export const HOP_MS = 15_000

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Resolves with the first `event` whose arguments pass `accept`; fails after `ms` naming what was awaited. */
export function nextEvent<A extends unknown[]>(
  emitter: EventEmitter,
  event: string,
  accept: (...args: A) => boolean,
  what: string,
  ms = HOP_MS,
): Promise<A> {
  return new Promise<A>((resolve, reject) => {
    const listener = (...args: unknown[]) => {
      if (!accept(...(args as A))) return
      clearTimeout(timer)
      emitter.off(event, listener)
      resolve(args as A)
    }
    const timer = setTimeout(() => {
      emitter.off(event, listener)
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`))
    }, ms)
    emitter.on(event, listener)
  })
}

/** The next thing `botId` says in `room`, as the mock sees it. */
export function nextSaid(room: RoomMock, botId: string, what: string): Promise<string> {
  return nextEvent<[{ payload: SentPayload }]>(
    room as unknown as EventEmitter,
    'message',
    (m) => m.payload.talkerId === botId,
    what,
  ).then(([m]) => m.payload.text ?? '')
}
