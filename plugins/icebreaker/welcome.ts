import type { RoomEvent } from '../../src/index.js'
import { type Deps, say } from './deps.js'
import { fillWelcome, mentionText, nameList } from './welcome-text.js'

/**
 * One welcome per join batch. Past the mention cap, the first message carries the welcome and the
 * next ones only greet the rest: a wall of identical welcomes reads like spam.
 */
export function welcomeNewcomers(deps: Deps): (event: RoomEvent) => Promise<void> {
  return async ({ room, members }) => {
    for (const [i, batch] of deps.ctx.mentionBatches(members).entries()) {
      const newcomers = mentionText(batch)
      const text =
        i === 0 ? await greeting(deps, room, members, newcomers) : say(deps, 'welcome-more', { newcomers })
      await deps.ctx.send(room.key, { text, mentions: batch })
    }
  }
}

/** The room's own welcome if a leader set one, else welcome.njk. */
async function greeting(
  deps: Deps,
  room: RoomEvent['room'],
  members: RoomEvent['members'],
  newcomers: string,
): Promise<string> {
  const joined = new Set(members.map((m) => m.key))
  const leaders = (await deps.ctx.rooms.leaders(room.key)).filter((leader) => !joined.has(leader.key))
  const vars = { newcomers, topic: room.topic, leaders: nameList(leaders) }
  const custom = deps.state.welcome(room.key)
  if (custom !== undefined) return fillWelcome(custom, vars)
  return say(deps, 'welcome', { ...vars, many: members.length > 1, fields: deps.state.fields(room.key) })
}
