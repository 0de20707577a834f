import type { Messenger } from '../host/context.js'
import { isScheduledWork } from '../host/scheduled-work.js'
import type { Sendable, SendOptions } from '../host/types.js'
import type { Logger } from '../logger.js'
import { separateMentions } from '../outbox/mentions.js'
import type { Outbox } from '../outbox/outbox.js'
import type { OutgoingBody, Target } from '../outbox/types.js'

export function toBody(content: Sendable): OutgoingBody {
  if (typeof content === 'string') return { type: 'text', text: content }
  if ('image' in content) return { type: 'image', path: content.image, name: content.name }
  const text = content.mentions ? separateMentions(content.text, content.mentions) : content.text
  return { type: 'text', text, mentions: content.mentions }
}

/** Plugins' sends, through the one paced outbox. A send that finally fails is logged, never thrown. */
export class OutboxMessenger implements Messenger {
  constructor(
    private readonly outbox: Outbox,
    private readonly logger: Logger,
    readonly mentionCap: number,
    /** the configured cap, also when the sandbox and tests run the outbox without pacing */
    readonly dailyCap: number,
    /**
     * Awaited before a message is handed to the outbox: the room logs' end-of-turn write, so that whatever
     * a reply answers is on disk before the reply can leave (a crash right after loses none of it).
     */
    private readonly logsWritten: () => Promise<void>,
  ) {}

  toRoom(roomKey: string, content: Sendable, options?: SendOptions): Promise<void> {
    return this.send({ kind: 'room', roomKey }, toBody(content), options)
  }

  toMember(memberKey: string, content: Sendable, options?: SendOptions): Promise<void> {
    return this.send({ kind: 'direct', memberKey }, toBody(content), options)
  }

  setNotice(roomKey: string, text: string, options?: SendOptions): Promise<void> {
    return this.send({ kind: 'room', roomKey }, { type: 'notice', text }, options)
  }

  private async send(target: Target, body: OutgoingBody, options?: SendOptions): Promise<void> {
    await this.logsWritten()
    // What a schedule sends is a scheduled post unless it says otherwise; what a message starts is a reply.
    const origin = options?.origin ?? (isScheduledWork() ? 'scheduled' : 'reply')
    const result = await this.outbox.send(target, body, { origin })
    if (result.status === 'failed' || result.status === 'dropped') {
      this.logger.warn({ target, result }, 'message not delivered')
    }
  }
}
