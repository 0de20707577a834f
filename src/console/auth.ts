import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { consoleWords } from './views.js'

/**
 * Who may use the console: the admins of config.yaml, with the console token (printed once at start, or set
 * in QUNBOT_CONSOLE_TOKEN). A sign-in becomes a session kept in an HttpOnly, SameSite=Strict cookie; every
 * state-changing request also carries the session's CSRF token. Wrong tokens are counted per client: five in
 * a minute and that client waits.
 */

export const SESSION_COOKIE = 'qunbot_console'
const SESSION_IDLE_MS = 12 * 3_600_000
const FAILURE_WINDOW_MS = 60_000
const FAILURES_ALLOWED = 5
const MAX_SESSIONS = 1000

export interface Session {
  id: string
  admin: string
  csrf: string
  lastSeen: number
  /** a one-time notice for the next page (an action's outcome) */
  flash?: { ok: true; done: string; id: string; title: string } | { ok: false; text: string }
}

/** A fresh random token: 32 bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Compares secrets in constant time, whatever their lengths (both are hashed to the same size first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b)
}

export class ConsoleAuth {
  private readonly sessions = new Map<string, Session>()
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly token: string,
    /** the admins named in config.yaml; empty: whoever has the token signs in as 管理员 */
    readonly admins: readonly string[],
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the client must wait before trying again, or 0. */
  retryAfter(client: string): number {
    const recent = this.recentFailures(client)
    if (recent.length < FAILURES_ALLOWED) return 0
    const oldest = recent[recent.length - FAILURES_ALLOWED] as number
    return Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - this.now()) / 1000))
  }

  private recentFailures(client: string): number[] {
    const since = this.now() - FAILURE_WINDOW_MS
    const kept = (this.failures.get(client) ?? []).filter((t) => t > since)
    if (kept.length === 0) this.failures.delete(client)
    else this.failures.set(client, kept)
    return kept
  }

  private fail(client: string): void {
    // A flood of clients must not grow the map without end: the oldest are forgotten first.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string)
    this.failures.set(client, [...this.recentFailures(client), this.now()])
  }

  /** Whether `given` is the console token; a wrong one counts against the client. */
  checkToken(client: string, given: string): boolean {
    if (sameSecret(given, this.token)) return true
    this.fail(client)
    return false
  }

  /** The admin's name as config.yaml spells it, when `name` is one of them. */
  adminNamed(name: string): string | undefined {
    const wanted = name.trim()
    if (this.admins.length === 0) return wanted === '' ? consoleWords().defaultAdminName : wanted.slice(0, 40)
    return this.admins.find((a) => a === wanted)
  }

  /** Signs in: a new session when both the name and the token are right; a failure counts either way. */
  signIn(client: string, name: string, token: string): Session | undefined {
    const tokenOk = this.checkToken(client, token)
    const admin = this.adminNamed(name)
    if (!tokenOk) return undefined
    if (!admin) {
      this.fail(client)
      return undefined
    }
    this.prune()
    const session: Session = { id: newToken(), admin, csrf: newToken(), lastSeen: this.now() }
    this.sessions.set(session.id, session)
    return session
  }

  session(id: string | undefined): Session | undefined {
    if (!id) return undefined
    const session = this.sessions.get(id)
    if (!session) return undefined
    if (this.now() - session.lastSeen > SESSION_IDLE_MS) {
      this.sessions.delete(id)
      return undefined
    }
    session.lastSeen = this.now()
    return session
  }

  signOut(id: string): void {
    this.sessions.delete(id)
  }

  private prune(): void {
    const now = this.now()
    for (const [id, s] of this.sessions) if (now - s.lastSeen > SESSION_IDLE_MS) this.sessions.delete(id)
    while (this.sessions.size >= MAX_SESSIONS)
      this.sessions.delete(this.sessions.keys().next().value as string)
  }
}
