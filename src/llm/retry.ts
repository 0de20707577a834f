import { APIConnectionError, APIError, APIUserAbortError } from 'openai'

export interface RetryPolicy {
  /** retries after the first attempt (config `llm.maxRetries`) */
  retries: number
  /** the first wait when the service names none; doubled for each further retry */
  baseDelayMs: number
  /**
   * The longest wait the bot accepts. A service that asks (Retry-After) for more is not waited for: the
   * call fails at once and the caller uses its offline path, instead of a summary arriving an hour late.
   */
  maxDelayMs: number
}

/** Longest wait between retries when the service names none, like the openai package's own back-off. */
const BACKOFF_CAP_MS = 8000

/**
 * Runs `attempt`, retrying with back-off when the failure is worth retrying (connection lost, timeout, 408,
 * 409, 429, 5xx), waiting what the service asks for in `retry-after-ms` or `Retry-After`. The openai
 * package retries by itself too, but it waits whatever a service asks, however long, and its waits
 * cannot be shortened for tests; so its own retries are switched off and this loop does the work.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: unknown, waitMs: number, retry: number) => void,
): Promise<T> {
  for (let retry = 1; ; retry++) {
    try {
      return await attempt()
    } catch (error) {
      if (retry > policy.retries || !isRetryable(error)) throw error
      const waitMs = retryDelayMs(error, retry, policy)
      if (waitMs === undefined) throw error
      onRetry?.(error, waitMs, retry)
      await sleep(waitMs)
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false
  if (error instanceof APIConnectionError) return true
  if (!(error instanceof APIError) || error.status === undefined) return false
  // A service may say explicitly whether a retry helps; the openai package obeys this header too.
  const told = error.headers?.get('x-should-retry')
  if (told === 'true') return true
  if (told === 'false') return false
  return [408, 409, 429].includes(error.status) || error.status >= 500
}

/** The wait before retry number `retry` (1-based); undefined when the service asks for too long a wait. */
export function retryDelayMs(error: unknown, retry: number, policy: RetryPolicy): number | undefined {
  const asked = error instanceof APIError ? askedDelayMs(error.headers) : undefined
  if (asked !== undefined) return asked <= policy.maxDelayMs ? asked : undefined
  const backoff = Math.min(policy.baseDelayMs * 2 ** (retry - 1), BACKOFF_CAP_MS, policy.maxDelayMs)
  // Up to a quarter less, so that clients failed together do not come back together.
  return backoff * (1 - Math.random() * 0.25)
}

/** `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP date), as the service sent it. */
function askedDelayMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return ms
  const after = headers?.get('retry-after')
  if (!after) return undefined
  const seconds = Number.parseFloat(after)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(after)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
