import type { PluginContext, Table } from '../../src/index.js'
import type { Profile } from './profiles.js'

export interface RoomSettings {
  /** set with `/破冰 模板`; absent = the configured default */
  fields?: string[]
  /** set with `/破冰 欢迎语`; absent = welcome.njk */
  welcome?: string
}

export interface LeaderIntro {
  name: string
  text: string
  updatedAt: string
}

export interface GiftRecord {
  name: string
  claimedAt: string
}

type ByMember<T> = Record<string, T>

/**
 * The plugin's state, one row per room in each table, so a room's data is read and written together and
 * two rooms never share a row. Profiles of members who left are kept: they may come back, and other
 * plugins may still quote them.
 */
export class IcebreakerState {
  private readonly settings: Table<RoomSettings>
  private readonly leaderIntros: Table<ByMember<LeaderIntro>>
  private readonly profileRows: Table<ByMember<Profile>>
  private readonly gifts: Table<ByMember<GiftRecord>>
  private readonly drafts: Table<ByMember<Record<string, string>>>
  /** members shown the template after an intro written without it: once is helpful, twice is nagging */
  private readonly freeIntroHints: Table<ByMember<string>>

  constructor(
    store: PluginContext['store'],
    private readonly defaultFields: readonly string[],
  ) {
    this.settings = store.table('settings')
    this.leaderIntros = store.table('leader-intros')
    this.profileRows = store.table('profiles')
    this.gifts = store.table('gifts')
    this.drafts = store.table('drafts')
    this.freeIntroHints = store.table('free-intro-hints')
  }

  fields(roomKey: string): string[] {
    return [...this.currentFields(roomKey)]
  }

  /** The stored list itself, not a copy: for the per-message check, which only reads it. */
  currentFields(roomKey: string): readonly string[] {
    return this.settings.get(roomKey)?.fields ?? this.defaultFields
  }

  isDefaultFields(roomKey: string): boolean {
    return this.settings.get(roomKey)?.fields === undefined
  }

  async setFields(roomKey: string, fields: string[] | undefined): Promise<void> {
    await this.settings.update(roomKey, (current) => withKey(current ?? {}, 'fields', fields))
  }

  welcome(roomKey: string): string | undefined {
    return this.settings.get(roomKey)?.welcome
  }

  async setWelcome(roomKey: string, text: string | undefined): Promise<void> {
    await this.settings.update(roomKey, (current) => withKey(current ?? {}, 'welcome', text))
  }

  leaderIntro(roomKey: string, leaderKey: string): LeaderIntro | undefined {
    return this.leaderIntros.get(roomKey)?.[leaderKey]
  }

  async setLeaderIntro(roomKey: string, leaderKey: string, intro: LeaderIntro): Promise<void> {
    await this.leaderIntros.update(roomKey, (current) => ({ ...current, [leaderKey]: intro }))
  }

  profile(roomKey: string, memberKey: string): Profile | undefined {
    return this.profileRows.get(roomKey)?.[memberKey]
  }

  profiles(roomKey: string): Profile[] {
    return Object.values(this.profileRows.get(roomKey) ?? {})
  }

  /** Saves the profile and drops the member's draft: the intro is done. */
  async saveProfile(roomKey: string, profile: Profile): Promise<void> {
    await this.profileRows.update(roomKey, (current) => ({ ...current, [profile.memberKey]: profile }))
    if (this.draft(roomKey, profile.memberKey)) {
      await this.drafts.update(roomKey, (current) => withKey({ ...current }, profile.memberKey, undefined))
    }
  }

  /** Answers from a partial intro, kept until the member completes it. */
  draft(roomKey: string, memberKey: string): Record<string, string> | undefined {
    return this.drafts.get(roomKey)?.[memberKey]
  }

  async saveDraft(roomKey: string, memberKey: string, values: Record<string, string>): Promise<void> {
    await this.drafts.update(roomKey, (current) => ({ ...current, [memberKey]: values }))
  }

  /** When the member was shown the template after a free-form intro, if ever. */
  freeIntroHinted(roomKey: string, memberKey: string): string | undefined {
    return this.freeIntroHints.get(roomKey)?.[memberKey]
  }

  async markFreeIntroHinted(roomKey: string, memberKey: string, at: string): Promise<void> {
    await this.freeIntroHints.update(roomKey, (current) => ({ ...current, [memberKey]: at }))
  }

  gift(roomKey: string, memberKey: string): GiftRecord | undefined {
    return this.gifts.get(roomKey)?.[memberKey]
  }

  giftKeys(roomKey: string): Set<string> {
    return new Set(Object.keys(this.gifts.get(roomKey) ?? {}))
  }

  /** Records the gift once; false when it was already recorded. */
  async recordGift(roomKey: string, memberKey: string, gift: GiftRecord): Promise<boolean> {
    if (this.gift(roomKey, memberKey)) return false
    await this.gifts.update(roomKey, (current) => ({ ...current, [memberKey]: gift }))
    return true
  }
}

function withKey<T extends object, K extends keyof T>(row: T, key: K, value: T[K] | undefined): T {
  const next = { ...row }
  if (value === undefined) delete next[key]
  else next[key] = value
  return next
}
