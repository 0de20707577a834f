import type { z } from 'zod'

/**
 * The seam for language models: any OpenAI-compatible service behind `ctx.llm` (undefined when none is
 * configured). Plugins only ever see this; a failure is an {@link LlmError} they can fall back from.
 */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface LlmCompletion {
  text: string
  model: string
  /** true when produced without the service (no key, or the service failed) */
  offline: boolean
  /** tokens the call used, prompt and answer */
  tokens?: number
}

export interface CompletionOptions {
  maxTokens?: number
  temperature?: number
  /** what the call is for, in the log beside its tokens: 'highlight', 'highlight merge' */
  purpose?: string
}

export interface LlmClient {
  readonly model: string
  /** tokens of context the model takes, prompt and answer: callers split longer input to fit */
  readonly contextTokens: number
  complete(messages: LlmMessage[], options?: CompletionOptions): Promise<LlmCompletion>
  /**
   * Asks for a JSON object (`response_format: json_object`), checked with `schema`; an answer that is not
   * that gets one repair attempt, then the call fails with an `LlmError` of kind 'invalid-output'.
   */
  completeJson<T>(
    messages: LlmMessage[],
    schema: z.ZodType<T>,
    options?: CompletionOptions,
  ): Promise<{ value: T; tokens: number; model: string }>
}

/** Why a model call failed, for the caller to decide (a summary falls back to its offline version). */
export type LlmErrorKind = 'unavailable' | 'timeout' | 'refused-auth' | 'invalid-output' | 'budget'

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'LlmError'
  }
}
