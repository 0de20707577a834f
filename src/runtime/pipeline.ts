import type { Message } from 'wechaty'
import type { Router } from '../commands/router.js'
import type { Logger } from '../logger.js'
import type { ImageStore } from '../store/image-store.js'
import { logEntryOf } from '../store/log-entry.js'
import type { Recorder } from '../store/recorder.js'
import type { Clock } from '../time/clock.js'
import { localDate } from '../time/zoned.js'
import type { MessageGuards } from './guards.js'
import { type NormalizeDeps, toChatMessage } from './normalize.js'
import type { WorkTracker } from './tracker.js'
import type { WechatyDirectory } from './wechaty-directory.js'

export interface PipelineDeps {
  guards: MessageGuards
  /** where inbound images are saved; null keeps none (benchmarks) */
  images: ImageStore | null
  directory: WechatyDirectory
  recorder: Recorder
  router: Router
  tracker: WorkTracker
  clock: Clock
  logger: Logger
  botName: string
}

/** guards → ChatMessage → recorder → router. Every message settles its tracker key, dropped or not. */
export class MessagePipeline {
  private readonly normalize: NormalizeDeps

  constructor(private readonly deps: PipelineDeps) {
    const { images, logger } = deps
    this.normalize = {
      directory: deps.directory,
      botName: deps.botName,
      saveImage: images
        ? async (m, roomKey, senderKey, time) => {
            try {
              const file = await m.toFileBox()
              const day = localDate(time, deps.clock.timeZone)
              return await images.save(roomKey ? { roomKey } : { memberKey: senderKey }, day, m.id, file)
            } catch (error) {
              // The message still reaches the plugins, as an image without a file.
              logger.warn({ err: error, id: m.id }, 'image not saved')
              return undefined
            }
          }
        : undefined,
    }
  }

  /** Handles one Wechaty message. Never rejects: a failure is logged and the message is settled all the same. */
  async handle(m: Message): Promise<void> {
    const { guards, clock, logger, recorder, router, tracker } = this.deps
    tracker.begin()
    try {
      const time = m.date()
      // One talker lookup serves the own-message check and the sender.
      const talker = m.talker()
      const selfId = m.wechaty.isLoggedIn ? m.wechaty.puppet.currentUserId : undefined
      const verdict = guards.check(m.id, talker.id === selfId, time.getTime(), clock.nowMs())
      if (verdict === 'accept') {
        const msg = await toChatMessage(m, talker, this.normalize, time)
        // Before routing: the recorder writes it before any reply to it can leave.
        if (msg.room) recorder.append(logEntryOf(msg, msg.room))
        await router.route(msg)
      } else if (verdict !== 'own') {
        logger.debug({ id: m.id, verdict }, 'message dropped')
      }
    } catch (error) {
      logger.error({ err: error, id: m.id }, 'message handling failed')
    } finally {
      tracker.end()
      tracker.settleMessage(m.id)
    }
  }
}
