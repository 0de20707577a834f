import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { OpenAiClient } from '../../src/llm/openai-client.js'
import { DailyTokenBudget } from '../../src/llm/token-budget.js'
import { estimateTokens, splitToBudget } from '../../src/llm/tokens.js'
import { LlmError } from '../../src/llm/types.js'
import { silentLogger } from '../../src/logger.js'
import { MapTable } from '../../src/store/table.js'
import { sharedTemplates } from '../../src/templates/renderer.js'
import { ManualClock } from '../../src/time/clock.js'
import { projectRoot } from '../support/harness.js'
import { LlmTestServer } from '../support/llm-server.js'

const prompts = sharedTemplates(projectRoot, null)
const answerSchema = z.object({ title: z.string(), points: z.array(z.string()) })
const GOOD = JSON.stringify({ title: '早起', points: ['早睡'] })
const ask = [{ role: 'user' as const, content: '整理一下' }]

let server: LlmTestServer
let clock: ManualClock
beforeEach(async () => {
  server = await LlmTestServer.start()
  clock = new ManualClock('Asia/Shanghai', new Date('2026-12-04T02:00:00Z'))
})
afterEach(async () => {
  await server.stop()
})

function client(options: { url?: string; budget?: number; timeoutMs?: number; maxRetries?: number } = {}) {
  return new OpenAiClient({
    apiKey: 'sk-test',
    baseURL: options.url ?? server.url,
    model: 'test-model',
    timeoutMs: options.timeoutMs ?? 2000,
    maxRetries: options.maxRetries ?? 2,
    contextTokens: 8000,
    budget: new DailyTokenBudget(options.budget ?? 0, clock, new MapTable(new Map(), () => {})),
    logger: silentLogger(),
    repairPrompt: (problem) => prompts.render('llm/json-repair.njk', { problem }),
  })
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LlmError)
  return error as LlmError
}

describe('the model client against a real chat-completions server', () => {
  it('asks for JSON with the configured model and the key, and checks the answer', async () => {
    server.answer({ content: GOOD, usage: { prompt_tokens: 120, completion_tokens: 30 } })
    const answer = await client().completeJson(ask, answerSchema, { purpose: 'test' })
    expect(answer).toEqual({ value: { title: '早起', points: ['早睡'] }, tokens: 150, model: 'test-model' })
    const [request] = server.received
    expect(request?.path).toBe('/v1/chat/completions')
    expect(request?.headers.authorization).toBe('Bearer sk-test')
    expect(request?.body.model).toBe('test-model')
    expect(request?.body.response_format).toEqual({ type: 'json_object' })
    expect(request?.body.messages).toEqual(ask)
  })

  it('retries a 500 and gets the answer', async () => {
    server.answer({ status: 500, headers: { 'retry-after-ms': '10' } }, { content: GOOD })
    expect((await client().completeJson(ask, answerSchema)).value.title).toBe('早起')
    expect(server.received).toHaveLength(2)
  })

  it('waits as a 429 asks (Retry-After) and tries again', async () => {
    server.answer({ status: 429, headers: { 'retry-after': '0.05' } }, { content: GOOD })
    const started = Date.now()
    expect((await client().completeJson(ask, answerSchema)).value.title).toBe('早起')
    expect(server.received).toHaveLength(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(40)
  })

  it('does not wait an hour when a service asks for one: fails at once, for the offline path', async () => {
    server.fallback = { status: 429, headers: { 'retry-after': '3600' } }
    const error = await failure(client().completeJson(ask, answerSchema))
    expect(error.kind).toBe('unavailable')
    expect(server.received).toHaveLength(1)
  })

  it('gives up after its retries with kind unavailable', async () => {
    server.fallback = { status: 503, headers: { 'retry-after-ms': '5' } }
    const error = await failure(client({ maxRetries: 2 }).completeJson(ask, answerSchema))
    expect(error.kind).toBe('unavailable')
    expect(server.received).toHaveLength(3)
  })

  it('stops waiting at the timeout', async () => {
    server.fallback = { content: GOOD, delayMs: 2000 }
    const error = await failure(client({ timeoutMs: 150, maxRetries: 0 }).completeJson(ask, answerSchema))
    expect(error.kind).toBe('timeout')
  })

  it('asks once for a repair when the answer is prose, and takes the repaired JSON', async () => {
    server.answer({ content: '好的，这是总结：大家讨论了早起。' }, { content: `\`\`\`json\n${GOOD}\n\`\`\`` })
    expect((await client().completeJson(ask, answerSchema)).value.points).toEqual(['早睡'])
    const repair = server.received[1]?.body.messages ?? []
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: '好的，这是总结：大家讨论了早起。' })
    expect(repair.at(-1)?.content).toContain('不符合要求')
  })

  it('fails with invalid-output when the repair is no better', async () => {
    server.answer({ content: '总结如下……' }, { content: JSON.stringify({ title: 3 }) })
    const error = await failure(client().completeJson(ask, answerSchema))
    expect(error.kind).toBe('invalid-output')
    expect(server.received).toHaveLength(2)
  })

  it('does not retry a key the service refuses', async () => {
    server.fallback = { status: 401 }
    const error = await failure(client().completeJson(ask, answerSchema))
    expect(error.kind).toBe('refused-auth')
    expect(server.received).toHaveLength(1)
  })

  it('fails at once with kind unavailable when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const error = await failure(
      client({ url: `http://127.0.0.1:${port}/v1`, maxRetries: 0 }).completeJson(ask, answerSchema),
    )
    expect(error.kind).toBe('unavailable')
  })

  it('counts tokens per day and stops at the budget without calling the service, until the next day', async () => {
    const model = client({ budget: 300 })
    server.fallback = { content: GOOD, usage: { prompt_tokens: 100, completion_tokens: 50 } }
    await model.completeJson(ask, answerSchema)
    await model.completeJson(ask, answerSchema)
    const error = await failure(model.completeJson(ask, answerSchema))
    expect(error.kind).toBe('budget')
    expect(server.received).toHaveLength(2)
    clock.set(new Date('2026-12-05T02:00:00Z'))
    await model.completeJson(ask, answerSchema)
    expect(server.received).toHaveLength(3)
  })
})

describe('fitting text to the model', () => {
  it('estimates Chinese at a token a character, other text at a token per four', () => {
    expect(estimateTokens('早起最难')).toBe(4)
    expect(estimateTokens('abcdefgh')).toBe(2)
  })

  it('packs items into chunks within the budget, in order, cutting only an item too long alone', () => {
    const items = ['一二三四五', '六七八九十', '甲乙丙', '子'.repeat(50)]
    const chunks = splitToBudget(items, 12)
    expect(chunks.slice(0, 2)).toEqual([['一二三四五', '六七八九十'], ['甲乙丙']])
    expect(chunks[2]?.[0]).toMatch(/^子+…（太长，已截断）$/u)
    for (const chunk of chunks)
      expect(chunk.reduce((n, item) => n + estimateTokens(item) + 1, 0)).toBeLessThanOrEqual(12)
  })
})
