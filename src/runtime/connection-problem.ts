/** Why a puppet-service endpoint could not be used, as far as the gRPC client's error says. */
export type ConnectionProblem = 'refused' | 'not-found' | 'tls' | 'token' | 'timeout'

const PATTERNS: Array<[ConnectionProblem, RegExp]> = [
  ['token', /UNAUTHENTICATED|PERMISSION_DENIED|invalid token|token.*(not|in)valid/i],
  ['tls', /wrong version number|SSL routines|TLS|certificate|handshake/i],
  ['refused', /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH/],
  ['not-found', /ENOTFOUND|EAI_AGAIN|Name resolution failed|DNS resolution failed/i],
  ['timeout', /DEADLINE_EXCEEDED|ETIMEDOUT/],
]

/**
 * Reads a Wechaty/gRPC error as an operator's problem, or undefined for anything else. The client retries on
 * its own and reports each try as an `error` event; these are what a wrong endpoint or token looks like.
 */
export function connectionProblemOf(error: unknown): ConnectionProblem | undefined {
  const text =
    error instanceof Error ? `${String(error)} ${error.message} ${String(error.cause ?? '')}` : String(error)
  return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0]
}
