import type { CommandInvocation } from '../host/types.js'

/**
 * The room a room-scoped command was sent in. The router refuses such a command in a private chat before it
 * runs, so a missing room here is a bug (a spec without `scope: 'room'`), not something a member can cause.
 */
export function roomOf(call: Pick<CommandInvocation, 'msg'>): { key: string; topic: string } {
  if (!call.msg.room) throw new Error('a room command ran outside a room; is its spec scope: "room"?')
  return call.msg.room
}
