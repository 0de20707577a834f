import type { OutgoingMessage, PacingOptions, Target, Transport } from '../../src/outbox/index.js'

export const ZONE = 'Asia/Shanghai'
export const roomA: Target = { kind: 'room', roomKey: 'A' }
export const roomB: Target = { kind: 'room', roomKey: 'B' }

export function pacing(overrides: Partial<PacingOptions> = {}): PacingOptions {
  return {
    minGapMs: 0,
    jitterMs: 0,
    perRoomPerMinute: 0,
    dailyCap: 0,
    maxMentionsPerMessage: 0,
    retry: { attempts: 3, backoffMs: [2000, 10000, 60000] },
    ...overrides,
  }
}

export interface Delivery {
  text: string
  roomKey: string
  at: number
  attempts: number
}

/** Records what was delivered and when (Date.now(), which fake timers move); can be told to fail. */
export class RecordingTransport implements Transport {
  readonly delivered: Delivery[] = []
  readonly tries: number[] = []
  failures = new Map<string, number>()

  async deliver(message: OutgoingMessage): Promise<void> {
    const text = bodyText(message)
    this.tries.push(Date.now())
    const left = this.failures.get(text) ?? 0
    if (left > 0) {
      this.failures.set(text, left - 1)
      throw new Error(`transport refused ${text}`)
    }
    const roomKey = message.target.kind === 'room' ? message.target.roomKey : message.target.memberKey
    this.delivered.push({ text, roomKey, at: Date.now(), attempts: message.attempts })
  }

  texts(): string[] {
    return this.delivered.map((d) => d.text)
  }
}

export function bodyText(message: OutgoingMessage): string {
  const { body } = message
  return body.type === 'image' ? body.path : body.text
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (UTC+8, no DST) as a Date. */
export function shanghai(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`)
}
