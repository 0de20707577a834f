import OpenAI, {
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
} from 'openai'
import type { z } from 'zod'
import type { Logger } from '../logger.js'
import { type RetryPolicy, withRetries } from './retry.js'
import type { DailyTokenBudget } from './token-budget.js'
import {
  type CompletionOptions,
  type LlmClient,
  type LlmCompletion,
  LlmError,
  type LlmMessage,
} from './types.js'

/**
 * The longest wait for a retry a service may ask for (Retry-After): past it the call fails at once and the
 * caller writes offline, rather than a highlight arriving an hour late.
 */
const MAX_RETRY_WAIT_MS = 20_000

export interface OpenAiClientOptions {
  apiKey: string
  /** any OpenAI-compatible endpoint (DeepSeek, Qwen, Moonshot, a local server); the SDK's default when absent */
  baseURL?: string
  model: string
  timeoutMs: number
  maxRetries: number
  contextTokens: number
  budget: DailyTokenBudget
  logger: Logger
  /** the message asking the model to correct an answer that is not the JSON asked for (prompts/llm/json-repair.njk) */
  repairPrompt: (problem: string) => string
}

/** The service's failure as one of the kinds callers decide on. */
export function llmErrorOf(error: unknown): LlmError {
  if (error instanceof LlmError) return error
  if (error instanceof APIConnectionTimeoutError)
    return new LlmError('timeout', 'the model did not answer in time', { cause: error })
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new LlmError('refused-auth', `the service refused the key (${error.status})`, { cause: error })
  }
  if (error instanceof APIError) {
    const status = error.status ?? 'no response'
    return new LlmError('unavailable', `the service failed (${status}): ${error.message}`, { cause: error })
  }
  return new LlmError('unavailable', String((error as Error)?.message ?? error), { cause: error })
}

/** The JSON object in a model's answer: models wrap it in ``` fences or a sentence now and then. */
export function jsonIn(text: string): unknown {
  const trimmed = text.trim()
  const fenced = /```(?:json)?\s*([\s\S]*?)```/u.exec(trimmed)
  const body = fenced ? (fenced[1] as string) : trimmed
  try {
    return JSON.parse(body)
  } catch {
    const start = body.indexOf('{')
    const end = body.lastIndexOf('}')
    if (start < 0 || end <= start) throw new Error('no JSON object in the answer')
    return JSON.parse(body.slice(start, end + 1))
  }
}

/**
 * The model over the official `openai` package, with the per-request timeout; retries (connection lost, 408, 409,
 * 429, 5xx) with back-off, honouring Retry-After up to a bound ({@link withRetries}); 401/403 are not retried. Every call's tokens are logged with
 * its purpose and counted against the day's budget.
 */
export class OpenAiClient implements LlmClient {
  readonly model: string
  readonly contextTokens: number
  readonly #sdk: OpenAI
  readonly #budget: DailyTokenBudget
  readonly #logger: Logger
  readonly #retries: RetryPolicy
  readonly #repairPrompt: (problem: string) => string

  constructor(options: OpenAiClientOptions) {
    this.model = options.model
    this.contextTokens = options.contextTokens
    this.#budget = options.budget
    this.#logger = options.logger
    this.#repairPrompt = options.repairPrompt
    this.#sdk = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      // The package's own retries wait whatever a service asks, an hour included: withRetries does them.
      maxRetries: 0,
    })
    this.#retries = { retries: options.maxRetries, baseDelayMs: 500, maxDelayMs: MAX_RETRY_WAIT_MS }
  }

  async complete(messages: LlmMessage[], options: CompletionOptions = {}): Promise<LlmCompletion> {
    const answer = await this.#call(messages, options, false)
    return { text: answer.text, model: answer.model, offline: false, tokens: answer.tokens }
  }

  async completeJson<T>(
    messages: LlmMessage[],
    schema: z.ZodType<T>,
    options: CompletionOptions = {},
  ): Promise<{ value: T; tokens: number; model: string }> {
    const first = await this.#call(messages, options, true)
    const checked = checkJson(first.text, schema)
    if (checked.ok) return { value: checked.value, tokens: first.tokens, model: first.model }
    this.#logger.info(
      { purpose: options.purpose, problem: checked.problem },
      'model answer not as asked; one repair',
    )
    const repair: LlmMessage[] = [
      ...messages,
      { role: 'assistant', content: first.text.slice(0, 4000) },
      {
        role: 'user',
        content: this.#repairPrompt(checked.problem),
      },
    ]
    const second = await this.#call(
      repair,
      { ...options, purpose: `${options.purpose ?? 'json'} repair` },
      true,
    )
    const again = checkJson(second.text, schema)
    const tokens = first.tokens + second.tokens
    if (again.ok) return { value: again.value, tokens, model: second.model }
    throw new LlmError('invalid-output', `the model did not answer the JSON asked for: ${again.problem}`)
  }

  async #call(
    messages: LlmMessage[],
    options: CompletionOptions,
    json: boolean,
  ): Promise<{ text: string; tokens: number; model: string }> {
    this.#budget.check()
    let response: OpenAI.Chat.Completions.ChatCompletion
    try {
      response = await withRetries(
        () =>
          this.#sdk.chat.completions.create({
            model: this.model,
            messages,
            max_tokens: options.maxTokens,
            temperature: options.temperature ?? 0.3,
            ...(json ? { response_format: { type: 'json_object' as const } } : {}),
          }),
        this.#retries,
        (error, waitMs, retry) =>
          this.#logger.warn(
            { purpose: options.purpose, retry, waitMs: Math.round(waitMs), err: (error as Error).message },
            'model call retried',
          ),
      )
    } catch (error) {
      throw llmErrorOf(error)
    }
    const usage = response.usage
    const tokens = usage?.total_tokens ?? 0
    await this.#budget.record(tokens)
    this.#logger.info(
      {
        purpose: options.purpose,
        model: response.model,
        promptTokens: usage?.prompt_tokens,
        completionTokens: usage?.completion_tokens,
        tokensToday: this.#budget.used(),
      },
      'model call',
    )
    return { text: response.choices[0]?.message?.content ?? '', tokens, model: response.model ?? this.model }
  }
}

function checkJson<T>(
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; problem: string } {
  let value: unknown
  try {
    value = jsonIn(text)
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` }
  }
  const result = schema.safeParse(value)
  if (result.success) return { ok: true, value: result.data }
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
  return { ok: false, problem: problems.join('；') }
}
