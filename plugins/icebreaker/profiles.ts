import { foldForSearch } from '../../src/text/normalize.js'
import { labelsFor, type SynonymTable } from './intro-fields.js'

/** What a member told about themself in one room. */
export interface Profile {
  memberKey: string
  /** the member's display name when they last introduced themself */
  name: string
  /** answers by the room's field name at that time: { 昵称: '小明', 最喜欢吃的食物: '火锅' } */
  fields: Record<string, string>
  /** ISO time of the last intro */
  updatedAt: string
}

/**
 * Shared as `icebreaker.profiles`, so other plugins can be personal (check-in reminders quote a hobby):
 *
 * @example
 * const profiles = ctx.use<ProfilesApi>('icebreaker.profiles')
 * const hobby = profiles?.hobby(roomKey, memberKey) // '爬山' or undefined
 */
export interface ProfilesApi {
  get(roomKey: string, memberKey: string): Profile | undefined
  list(roomKey: string): Profile[]
  /** the answer to 空闲时喜欢做什么, or to a field that means the same (爱好, 兴趣爱好…) */
  hobby(roomKey: string, memberKey: string): string | undefined
}

export const PROFILES_API = 'icebreaker.profiles'

const HOBBY_ROOTS = ['空闲时喜欢做什么', '爱好']

/** The hobby in a profile: the canonical field first, then the first field that is one of its synonyms. */
export function hobbyOf(profile: Profile | undefined, synonyms: Readonly<SynonymTable>): string | undefined {
  if (!profile) return undefined
  const labels = HOBBY_ROOTS.flatMap((root) => labelsFor(root, synonyms)).map((l) => foldForSearch(l))
  const byKey = new Map(Object.entries(profile.fields).map(([field, value]) => [foldForSearch(field), value]))
  for (const label of labels) {
    const value = byKey.get(label)
    if (value) return value
  }
  return undefined
}
