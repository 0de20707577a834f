import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChatMessage, MemberRef } from '../../src/host/types.js'
import { logEntryOf } from '../../src/store/log-entry.js'
import { Recorder } from '../../src/store/recorder.js'
import { tempDir } from './helpers.js'

const room = { key: '7@chatroom', topic: '训练营' }
const alice: MemberRef = { key: 'wxid_alice', name: '爱丽丝"A"' }
const bob: MemberRef = { key: 'wxid_bob', name: '鲍勃' }

function message(id: string, text: string, time: string, mentions: MemberRef[] = []): ChatMessage {
  return { id, room, sender: alice, text, mentions, mentionsBot: false, kind: 'text', time: new Date(time) }
}

describe('Recorder with pipeline messages', () => {
  it('logs a message with its room and sender by key and name, mentions as keys', async () => {
    const dir = await tempDir()
    const rec = new Recorder({ dir, timeZone: 'Asia/Shanghai' })
    rec.append(logEntryOf(message('m1', '大家好 👋', '2026-11-23T02:00:00.123Z'), room))
    rec.append(logEntryOf(message('m2', '@鲍勃 收到"了"\\n', '2026-11-23T02:00:01Z', [bob]), room))
    const expected = [
      {
        id: 'm1',
        roomKey: '7@chatroom',
        senderKey: 'wxid_alice',
        senderName: '爱丽丝"A"',
        text: '大家好 👋',
        time: '2026-11-23T02:00:00.123Z',
        kind: 'text',
      },
      {
        id: 'm2',
        roomKey: '7@chatroom',
        senderKey: 'wxid_alice',
        senderName: '爱丽丝"A"',
        text: '@鲍勃 收到"了"\\n',
        time: '2026-11-23T02:00:01.000Z',
        kind: 'text',
        mentions: ['wxid_bob'],
      },
    ]
    expect(await rec.read('7@chatroom', '2026-11-23', '2026-11-23')).toEqual(expected)
    await rec.close()
    const text = await readFile(join(dir, '7@chatroom', '2026-11-23.jsonl'), 'utf8')
    // On disk a line leaves out its room (the file's) and the kind when it is text.
    expect(text).toBe(
      expected.map(({ roomKey: _room, kind: _kind, ...line }) => `${JSON.stringify(line)}\n`).join(''),
    )
  })

  it('refuses a message whose time is not a valid instant', () => {
    const rec = new Recorder({ dir: null, timeZone: 'Asia/Shanghai' })
    expect(() => rec.append(logEntryOf(message('m3', 'x', 'not a time'), room))).toThrow(RangeError)
  })
})
