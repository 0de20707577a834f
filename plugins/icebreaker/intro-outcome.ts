import type { IntroParse } from './intro-parser.js'

export type IntroOutcome =
  | { type: 'none' }
  | { type: 'partial'; missing: string[]; draft: Record<string, string> }
  | { type: 'recorded'; values: Record<string, string>; updated: boolean }

export interface KnownAnswers {
  /** the member's recorded profile in this room */
  profile?: Readonly<Record<string, string>>
  /** what an earlier partial intro already answered */
  draft?: Readonly<Record<string, string>>
}

/**
 * What a message means for a member's intro. Members often write it in pieces (昵称 now, the rest after
 * the hint), so answers add up: to the draft before the first complete intro, to the profile after it.
 * A message with no answer in it changes nothing for someone already introduced.
 */
export function decideIntro(parse: IntroParse, fields: readonly string[], known: KnownAnswers): IntroOutcome {
  if (!parse.isAttempt) return { type: 'none' }
  const answered = Object.keys(parse.values).length > 0
  if (known.profile && !answered) return { type: 'none' }
  const merged = { ...(known.profile ?? known.draft ?? {}), ...parse.values }
  const missing = fields.filter((field) => (merged[field] ?? '') === '')
  if (missing.length === 0) return { type: 'recorded', values: merged, updated: known.profile !== undefined }
  return { type: 'partial', missing, draft: merged }
}
