import type { Message } from 'wechaty'
import type { Router } from '../commands/router.js'
import type { ChatMessage } from '../host/types.js'
import type { Logger } from '../logger.js'
import type { Recorder } from '../store/recorder.js'
import type { Clock } from '../time/clock.js'
import { isoInstant } from '../time/iso.js'
import type { MessageGuards } from './guards.js'
import { toChatMessage } from './normalize.js'
import type { WorkTracker } from './tracker.js'
import type { WechatyDirectory } from './wechaty-directory.js'

export interface PipelineDeps {
  guards: MessageGuards
  directory: WechatyDirectory
  recorder: Recorder
  router: Router
  tracker: WorkTracker
  clock: Clock
  logger: Logger
  botName: string
}

/**
 * guards → ChatMessage → recorder → router. Every message settles its tracker key, dropped or not.
 * Ordinary chat is handled without waiting on anything: each step hands back a promise only when it
 * really has async work, and only then is it awaited (each await costs a microtask and a promise).
 */
export class MessagePipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async handle(m: Message): Promise<void> {
    const { tracker, guards, clock, logger } = this.deps
    tracker.begin()
    try {
      const time = m.date()
      const verdict = guards.check(m.id, m.self(), time.getTime(), clock.now().getTime())
      if (verdict !== 'accept') {
        if (verdict !== 'own') logger.debug({ id: m.id, verdict }, 'message dropped')
        return
      }
      const built = toChatMessage(m, this.deps.directory, this.deps.botName, time)
      const msg = built instanceof Promise ? await built : built
      this.record(msg)
      const routed = this.deps.router.route(msg)
      if (routed instanceof Promise) await routed
    } catch (error) {
      logger.error({ err: error, id: m.id }, 'message handling failed')
    } finally {
      tracker.end()
      tracker.settleMessage(m.id)
    }
  }

  private record(msg: ChatMessage): void {
    if (!msg.room) return
    const at = msg.time.getTime()
    this.deps.recorder.append(
      {
        id: msg.id,
        roomKey: msg.room.key,
        roomTopic: msg.room.topic,
        senderKey: msg.sender.key,
        senderName: msg.sender.name,
        text: msg.text,
        time: isoInstant(at),
        kind: msg.kind,
        mentions: msg.mentions.length > 0 ? msg.mentions.map((x) => x.key) : undefined,
      },
      at,
    )
  }
}
