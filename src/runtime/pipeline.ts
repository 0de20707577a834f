import type { Message } from 'wechaty'
import type { Router } from '../commands/router.js'
import type { ChatMessage } from '../host/types.js'
import type { Logger } from '../logger.js'
import type { ImageStore } from '../store/image-store.js'
import type { RoomChatMessage } from '../store/log-chunk.js'
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

/**
 * guards → ChatMessage → recorder → router. Every message settles its tracker key, dropped or not.
 * Ordinary chat is handled without waiting on anything: each step hands back a promise only when it
 * really has async work, and only then is it chained (each await costs a microtask and a promise).
 */
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

  /**
   * Handles one Wechaty message; resolves (or returns at once, for ordinary chat) when the bot is done
   * with it. Never throws: a failure is logged and the message is settled all the same.
   */
  handle(m: Message): void | Promise<void> {
    const { tracker } = this.deps
    tracker.begin()
    let pending: Promise<unknown> | undefined
    try {
      pending = this.process(m)
    } catch (error) {
      this.failed(m, error)
    }
    if (pending === undefined) {
      this.done(m)
      return
    }
    return pending.then(
      () => this.done(m),
      (error: unknown) => {
        this.failed(m, error)
        this.done(m)
      },
    )
  }

  /** Returns a promise only when a step has real async work. */
  private process(m: Message): Promise<unknown> | undefined {
    const { guards, clock, logger } = this.deps
    const time = m.date()
    // One talker lookup serves the own-message check and the sender (Message.self() would do a second).
    const talker = m.talker()
    const verdict = guards.check(m.id, talker.id === this.selfId(m), time.getTime(), clock.nowMs())
    if (verdict !== 'accept') {
      if (verdict !== 'own') logger.debug({ id: m.id, verdict }, 'message dropped')
      return undefined
    }
    const built = toChatMessage(m, talker, this.normalize, time)
    if (built instanceof Promise) return built.then((msg) => this.recordAndRoute(msg))
    return this.recordAndRoute(built)
  }

  /** The router's outcome is not needed here: its promise is passed on as it is, not mapped to void. */
  private recordAndRoute(msg: ChatMessage): Promise<unknown> | undefined {
    this.record(msg)
    const routed = this.deps.router.route(msg)
    return routed instanceof Promise ? routed : undefined
  }

  private selfId(m: Message): string | undefined {
    return m.wechaty.isLoggedIn ? m.wechaty.puppet.currentUserId : undefined
  }

  private failed(m: Message, error: unknown): void {
    this.deps.logger.error({ err: error, id: m.id }, 'message handling failed')
  }

  private done(m: Message): void {
    this.deps.tracker.end()
    this.deps.tracker.settleMessage(m.id)
  }

  private record(msg: ChatMessage): void {
    if (msg.room) this.deps.recorder.appendMessage(msg as RoomChatMessage)
  }
}
