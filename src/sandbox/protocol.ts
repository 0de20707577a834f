/**
 * The sandbox's input line protocol (see README, "The sandbox"). Pure parsing: the engine acts on the result.
 */
/** Why a line was rejected: a template under `prompts/sandbox/` and its variables. */
export interface Reason {
  template: string
  vars?: Record<string, unknown>
}

export type SandboxLine =
  | { kind: 'say'; name: string; text: string }
  | { kind: 'dm'; name: string; text: string }
  | { kind: 'room'; topic: string }
  | { kind: 'join'; names: string[] }
  | { kind: 'leave'; names: string[] }
  | { kind: 'owner'; name: string }
  | { kind: 'image'; name: string; file: string }
  | { kind: 'clock'; at: string }
  | { kind: 'advance'; ms: number }
  | { kind: 'help' }
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: Reason }

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

export function parseSandboxLine(raw: string): SandboxLine {
  const line = raw.replace(/\r$/, '')
  const trimmed = line.trim()
  if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'skip' }
  if (trimmed.startsWith(':')) return parseDirective(trimmed)
  const said = splitSpeaker(line)
  if (!said) return invalid('unreadable-line', { line: trimmed })
  return { kind: 'say', ...said }
}

function parseDirective(line: string): SandboxLine {
  const space = line.search(/\s/)
  const word = space < 0 ? line.slice(1) : line.slice(1, space)
  const rest = space < 0 ? '' : line.slice(space).trim()
  const names = splitNames(rest)
  switch (word) {
    case 'help':
      return { kind: 'help' }
    case 'room':
      return rest ? { kind: 'room', topic: rest } : invalid('room-needs-topic')
    case 'join':
      return names.length ? { kind: 'join', names } : invalid('needs-names', { directive: 'join' })
    case 'leave':
      return names.length ? { kind: 'leave', names } : invalid('needs-names', { directive: 'leave' })
    case 'owner':
      return names.length === 1 ? { kind: 'owner', name: names[0] as string } : invalid('owner-needs-name')
    case 'image':
      return parseImage(rest)
    case 'dm': {
      const said = splitSpeaker(rest)
      return said ? { kind: 'dm', ...said } : invalid('dm-format')
    }
    case 'clock':
      return /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/.test(rest)
        ? { kind: 'clock', at: rest }
        : invalid('clock-format')
    case 'advance':
      return parseAdvance(rest)
    default:
      return invalid('unknown-directive', { word })
  }
}

function parseImage(rest: string): SandboxLine {
  const m = /^(?:"([^"]+)"|(\S+))\s+(.+)$/.exec(rest)
  if (!m) return invalid('image-format')
  return { kind: 'image', name: (m[1] ?? m[2]) as string, file: (m[3] as string).trim() }
}

/** Names separated by spaces; a name with a space in it is quoted: `"Tom Lee" 小红`. */
export function splitNames(text: string): string[] {
  const names: string[] = []
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    const name = (m[1] ?? m[2] ?? '').trim()
    if (name !== '') names.push(name)
  }
  return names
}

function parseAdvance(rest: string): SandboxLine {
  const m = /^(\d+)\s*([mhd])$/.exec(rest)
  if (!m) return invalid('advance-format')
  const ms = Number(m[1]) * (UNIT_MS[m[2] as string] as number)
  return ms > 0 ? { kind: 'advance', ms } : invalid('advance-positive')
}

/**
 * `NAME: TEXT`, with the full-width colon too (`小明：你好`, as a Chinese keyboard types it) and a quoted name
 * for one with spaces (`"Tom Lee": hi`); `\n` in TEXT stands for a line break.
 */
function splitSpeaker(line: string): { name: string; text: string } | undefined {
  const m = /^(?:"([^"]+)"|([^:：\s"][^:：]*?))\s*[:：]\s?(.*)$/.exec(line)
  if (!m) return undefined
  const name = ((m[1] ?? m[2]) as string).trim()
  return name === '' ? undefined : { name, text: (m[3] as string).replace(/\\n/g, '\n') }
}

function invalid(template: string, vars?: Record<string, unknown>): SandboxLine {
  return { kind: 'invalid', reason: { template, vars } }
}
