/**
 * The seam for language models. The client (any OpenAI-compatible service, with retries, chunking and an
 * offline fallback) plugs in behind this interface; plugins only ever see this.
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
}

export interface LlmClient {
  complete(
    messages: LlmMessage[],
    options?: { maxTokens?: number; temperature?: number },
  ): Promise<LlmCompletion>
}
