import { createHash } from 'node:crypto'

// Lowercase only: on case-insensitive file systems (macOS, Windows) 'Ab' and 'ab' must not share a file.
const KEPT = /^[a-z0-9@._-]$/
// Room keys from mocks can be long; stay well under the usual 255-byte file name limit.
const MAX_LENGTH = 120

function escapeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0
  // A lone surrogate would become U+FFFD in UTF-8, so two different ones would share a name.
  if (code >= 0xd800 && code <= 0xdfff) return `%u${code.toString(16).toUpperCase()}`
  let out = ''
  for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  return out
}

/**
 * Maps any non-empty string to a file-system-safe, collision-free file or directory name.
 *
 * Keeps `[a-z0-9@._-]`, percent-encodes everything else (uppercase letters included, so names stay
 * distinct on case-insensitive file systems), and encodes a leading dot so '.' and '..' cannot escape
 * the parent directory. Over-long results become a prefix plus `~` and a SHA-256 of the input; `~` is
 * never produced otherwise, so hashed and plain names cannot collide.
 */
export function safeName(key: string): string {
  if (key.length === 0) throw new RangeError('safeName: the key must not be empty')
  let out = ''
  for (const char of key) {
    const keep = KEPT.test(char) && !(out.length === 0 && char === '.')
    out += keep ? char : escapeChar(char)
  }
  if (out.length <= MAX_LENGTH) return out
  const hash = createHash('sha256').update(key, 'utf8').digest('hex')
  // Cut before a partial escape so the prefix stays readable.
  const prefix = out.slice(0, 48).replace(/%[0-9A-F]?$/, '')
  return `${prefix}~${hash}`
}
