import type { Message } from 'wechaty'
import type { Router } from '../commands/router.js'
import type { ChatMessage } from '../host/types.js'
import type { Logger } from '../logger.js'
import type { Recorder } from '../store/recorder.js'
import type { Clock } from '../time/clock.js'
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

/** guards → ChatMessage → recorder → router. Every message settles its tracker key, dropped or not. */
export class MessagePipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async handle(m: Message): Promise<void> {
    const { tracker } = this.deps
    tracker.begin()
    try {
      await this.process(m)
    } finally {
      tracker.end()
      tracker.settle(`msg:${m.id}`)
    }
  }

  private async process(m: Message): Promise<void> {
    const { guards, clock, logger } = this.deps
    try {
      const verdict = guards.check({ id: m.id, self: m.self(), time: m.date() }, clock.now())
      if (verdict !== 'accept') {
        if (verdict !== 'own') logger.debug({ id: m.id, verdict }, 'message dropped')
        return
      }
      const msg = await toChatMessage(m, this.deps.directory, this.deps.botName)
      this.record(msg)
      await this.deps.router.route(msg)
    } catch (error) {
      logger.error({ err: error, id: m.id }, 'message handling failed')
    }
  }

  private record(msg: ChatMessage): void {
    if (!msg.room) return
    this.deps.recorder.append({
      id: msg.id,
      roomKey: msg.room.key,
      roomTopic: msg.room.topic,
      senderKey: msg.sender.key,
      senderName: msg.sender.name,
      text: msg.text,
      time: msg.time.toISOString(),
      kind: msg.kind,
      mentions: msg.mentions.length > 0 ? msg.mentions.map((x) => x.key) : undefined,
    })
  }
}
