import type { GroupBot } from './bot.js'
import { connectionProblemOf } from './connection-problem.js'
import type { MessagePipeline } from './pipeline.js'

/** Wechaty events → the bot. Wechaty ignores handlers' promises, so each is tracked and settled here. */
export function wireWechatyEvents(bot: GroupBot, pipeline: MessagePipeline): void {
  const { wechaty, tracker, host, directory } = bot
  const logger = bot.options.logger
  wechaty.on('message', (m) => {
    void pipeline.handle(m)
  })
  wechaty.on('login', (user) => {
    // Said at info level by the account runner; the sandbox's login is part of starting it.
    logger.debug({ user: user.name() }, 'logged in')
    void tracker
      .track(bot.onLogin())
      .catch((error) => logger.error({ err: error }, 'start after login failed'))
  })
  wechaty.on('logout', (user, reason) => {
    if (bot.stopping) logger.debug({ user: user.name(), reason }, 'logged out')
    else logger.warn({ user: user.name(), reason }, 'logged out')
  })
  wechaty.on('room-join', (room, invitees, _inviter, date) => {
    const work = (async () => {
      directory.remember(room)
      directory.forgetNicknames(room.id)
      const members = await Promise.all(invitees.map((c) => directory.memberOf(room, c)))
      const self = wechaty.isLoggedIn ? wechaty.currentUser.id : undefined
      const others = members.filter((m) => m.key !== self)
      if (others.length === 0) return
      await host.emitJoin({
        room: { key: room.id, topic: await room.topic() },
        members: others,
        time: date ?? bot.options.clock.now(),
      })
    })()
    void tracker
      .track(work)
      .catch((error) => logger.error({ err: error }, 'join handling failed'))
      .finally(() => tracker.settle(`join:${room.id}`))
  })
  wechaty.on('room-leave', (room, leavers, _remover, date) => {
    const work = (async () => {
      directory.forgetNicknames(room.id)
      const members = await Promise.all(leavers.map((c) => directory.memberOf(undefined, c)))
      await host.emitLeave({
        room: { key: room.id, topic: await room.topic() },
        members,
        time: date ?? bot.options.clock.now(),
      })
    })()
    void tracker
      .track(work)
      .catch((error) => logger.error({ err: error }, 'leave handling failed'))
      .finally(() => tracker.settle(`leave:${room.id}`))
  })
  wechaty.on('error', (error) => {
    // Wechaty reloads room payloads on every join/leave/topic event and reports a harmless
    // "no payload found" for the room id while doing so.
    const text = String(error)
    if (text.includes('no payload found')) logger.debug({ err: text }, 'wechaty noise')
    // Before login, a connection problem is told once, in words, by the account runner.
    else if (!wechaty.isLoggedIn && connectionProblemOf(error)) logger.debug({ err: text }, 'connection')
    else logger.error({ err: text }, 'wechaty error')
  })
}
