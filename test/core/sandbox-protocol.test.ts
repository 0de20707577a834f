import { afterEach, describe, expect, it } from 'vitest'
import { promptText } from '../../src/sandbox/cli.js'
import { parseSandboxLine } from '../../src/sandbox/protocol.js'
import { TestChat } from '../support/harness.js'

describe('the sandbox reads lines as people type them', () => {
  it('takes the full-width colon a Chinese keyboard types', () => {
    expect(parseSandboxLine('小明：你好')).toEqual({ kind: 'say', name: '小明', text: '你好' })
    expect(parseSandboxLine(':dm 小明：/帮助')).toEqual({ kind: 'dm', name: '小明', text: '/帮助' })
  })

  it('keeps a colon inside the text', () => {
    expect(parseSandboxLine('小明: 昵称：小明')).toEqual({ kind: 'say', name: '小明', text: '昵称：小明' })
  })

  it('takes quoted names with spaces in every directive that names members', () => {
    expect(parseSandboxLine(':join "Tom Lee" 小红')).toEqual({ kind: 'join', names: ['Tom Lee', '小红'] })
    expect(parseSandboxLine(':leave "Tom Lee"')).toEqual({ kind: 'leave', names: ['Tom Lee'] })
    expect(parseSandboxLine(':owner "Tom Lee"')).toEqual({ kind: 'owner', name: 'Tom Lee' })
    expect(parseSandboxLine(':image "Tom Lee" ./cat.png')).toEqual({
      kind: 'image',
      name: 'Tom Lee',
      file: './cat.png',
    })
    expect(parseSandboxLine('"Tom Lee": hi')).toEqual({ kind: 'say', name: 'Tom Lee', text: 'hi' })
    expect(parseSandboxLine(':dm "Tom Lee"：hi')).toEqual({ kind: 'dm', name: 'Tom Lee', text: 'hi' })
  })

  it('knows :help', () => {
    expect(parseSandboxLine(':help')).toEqual({ kind: 'help' })
  })

  it('shows the room and the simulated time in the interactive prompt', () => {
    expect(promptText('训练营1组', new Date('2026-12-01T00:05:00Z'), 'Asia/Shanghai')).toBe(
      '[训练营1组 12-01 08:05]> ',
    )
  })
})

describe(':help', () => {
  let chat: TestChat
  afterEach(() => chat?.stop())

  it('lists the directives apart from the chat output', async () => {
    chat = await TestChat.start()
    const result = await chat.sandbox.exec(':help')
    expect(result.output).toEqual([])
    expect(result.error).toBeUndefined()
    for (const directive of [':room', ':join', ':owner', ':image', ':dm', ':clock', ':advance']) {
      expect(result.info).toContain(directive)
    }
  })
})
