/**
 * The sandbox's input line protocol (see README, "The sandbox"). Pure parsing: the engine acts on the result.
 */
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
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: string }

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

export function parseSandboxLine(raw: string): SandboxLine {
  const line = raw.replace(/\r$/, '')
  const trimmed = line.trim()
  if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'skip' }
  if (trimmed.startsWith(':')) return parseDirective(trimmed)
  const said = splitSpeaker(line)
  if (!said)
    return { kind: 'invalid', reason: `看不懂这一行：${trimmed}（应为「名字: 内容」或以 : 开头的指令）` }
  return { kind: 'say', ...said }
}

function parseDirective(line: string): SandboxLine {
  const space = line.search(/\s/)
  const word = space < 0 ? line.slice(1) : line.slice(1, space)
  const rest = space < 0 ? '' : line.slice(space).trim()
  const names = rest.split(/\s+/).filter(Boolean)
  switch (word) {
    case 'room':
      return rest ? { kind: 'room', topic: rest } : invalid(':room 需要群名，例如 :room 读书会')
    case 'join':
      return names.length ? { kind: 'join', names } : invalid(':join 需要至少一个名字')
    case 'leave':
      return names.length ? { kind: 'leave', names } : invalid(':leave 需要至少一个名字')
    case 'owner':
      return names.length === 1 ? { kind: 'owner', name: rest } : invalid(':owner 需要一个名字')
    case 'image':
      return parseImage(rest)
    case 'dm': {
      const said = splitSpeaker(rest)
      return said ? { kind: 'dm', ...said } : invalid(':dm 的格式是 :dm 名字: 内容')
    }
    case 'clock':
      return /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/.test(rest)
        ? { kind: 'clock', at: rest }
        : invalid(':clock 的格式是 :clock YYYY-MM-DD HH:mm')
    case 'advance':
      return parseAdvance(rest)
    default:
      return invalid(`未知指令 :${word}（可用：:room :join :leave :owner :image :dm :clock :advance）`)
  }
}

function parseImage(rest: string): SandboxLine {
  const m = /^(\S+)\s+(.+)$/.exec(rest)
  return m
    ? { kind: 'image', name: m[1] as string, file: (m[2] as string).trim() }
    : invalid(':image 的格式是 :image 名字 文件路径')
}

function parseAdvance(rest: string): SandboxLine {
  const m = /^(\d+)\s*([mhd])$/.exec(rest)
  if (!m) return invalid(':advance 的格式是 :advance N(m|h|d)，例如 :advance 30m')
  const ms = Number(m[1]) * (UNIT_MS[m[2] as string] as number)
  return ms > 0 ? { kind: 'advance', ms } : invalid(':advance 需要大于 0 的时长')
}

/** `NAME: TEXT`; `\n` in TEXT stands for a line break. */
function splitSpeaker(line: string): { name: string; text: string } | undefined {
  const m = /^([^:\s][^:]*?)\s*:\s?(.*)$/.exec(line)
  if (!m) return undefined
  return { name: (m[1] as string).trim(), text: (m[2] as string).replace(/\\n/g, '\n') }
}

function invalid(reason: string): SandboxLine {
  return { kind: 'invalid', reason }
}
