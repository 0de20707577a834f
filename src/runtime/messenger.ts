import type { Messenger } from '../host/context.js'
import type { Sendable, SendOptions } from '../host/types.js'
import type { Logger } from '../logger.js'
import { separateMentions } from '../outbox/mentions.js'
import type { Outbox } from '../outbox/outbox.js'
import type { OutgoingBody, SendResult, Target } from '../outbox/types.js'

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
  ) {}

  toRoom(roomKey: string, content: Sendable, options?: SendOptions): Promise<void> {
    return this.send({ kind: 'room', roomKey }, toBody(content), options)
  }

  toMember(memberKey: string, content: Sendable, options?: SendOptions): Promise<void> {
    return this.send({ kind: 'direct', memberKey }, toBody(content), options)
  }

  setNotice(roomKey: string, text: string): Promise<void> {
    return this.send({ kind: 'room', roomKey }, { type: 'notice', text }, { origin: 'reply' })
  }

  private send(target: Target, body: OutgoingBody, options?: SendOptions): Promise<void> {
    return this.outbox
      .send(target, body, { origin: options?.origin ?? 'reply' })
      .then((result) => this.report(target, result))
  }

  private report(target: Target, result: SendResult): void {
    if (result.status === 'failed' || result.status === 'dropped') {
      this.logger.warn({ target, result }, 'message not delivered')
    }
  }
}
