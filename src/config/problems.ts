import { z } from 'zod'
import { suggestCommand } from '../commands/suggest.js'

// Zod's own Chinese messages (「无效输入：期望 数字，实际接收 字符串」), for every schema in the process: the
// core's and each plugin's. Operators read them at start-up.
z.config(z.locales.zhCN())

/** One thing wrong in the config, as the operator will read it. */
export interface ConfigProblem {
  /** dotted key, e.g. `plugins.icebreaker.gift`; empty for the file as a whole */
  key: string
  message: string
  /** what the file holds there, when it helps (a scalar) */
  found?: string
  /** a near key or name the operator probably meant */
  suggestion?: string
}

/** The closest of `candidates` to a mistyped key or name: same letters in another case, or a near miss. */
export function suggestKey(input: string, candidates: readonly string[]): string | undefined {
  const sameLetters = candidates.find((c) => c.toLowerCase() === input.toLowerCase() && c !== input)
  return sameLetters ?? suggestCommand(input, [...candidates])
}

/**
 * Zod issues as problems: the key, zod's Chinese message, what was found, and for an unknown key the known
 * key it most resembles. `schema` and `raw` are what was validated; `prefix` places a plugin's section.
 */
export function problemsOf(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  raw: unknown,
  prefix: readonly PropertyKey[] = [],
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path)
      for (const key of issue.keys) {
        problems.push({
          key: dotted([...prefix, ...issue.path, key]),
          message: '没有这一项',
          suggestion: suggestKey(key, known),
        })
      }
      continue
    }
    problems.push({
      key: dotted([...prefix, ...issue.path]),
      message: issue.message,
      found: scalarAt(raw, issue.path),
    })
  }
  return problems
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

function scalarAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  let value = raw
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  if (value === undefined || (typeof value === 'object' && value !== null)) return undefined
  return JSON.stringify(value)
}

interface SchemaDef {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  valueType?: z.ZodType
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def
}

/** Through defaults, optionals and pipes to the schema that holds the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(current)
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined)
    if (!inner) return current
    current = inner
  }
  return current
}

/** The keys an object schema knows at `path`, for "did you mean". */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema)
  for (const key of path) {
    const def = defOf(current)
    const next =
      def.type === 'object' ? def.shape?.[String(key)] : (def.element ?? def.valueType ?? undefined)
    if (!next) return []
    current = unwrap(next)
  }
  const def = defOf(current)
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : []
}
