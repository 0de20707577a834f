import type { MemberRef, Role } from '../host/types.js'
import type { Table } from '../store/state-store.js'

const RANK: Record<Role, number> = { member: 0, leader: 1, admin: 2 }

export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed]
}

export interface RoomDirectory {
  /** A plain value when the room is at hand (the usual case for a command), else a promise. */
  ownerKey(roomKey: string): string | undefined | Promise<string | undefined>
  /** the member as named in the room now, or undefined when they are not (or no longer) in it */
  memberIn(roomKey: string, memberKey: string): Promise<MemberRef | undefined>
}

/**
 * Admins come from the config (by id or display name); leaders are the room owner plus the members an
 * admin or the owner named with `/组长 添加`. Leaders are per room.
 */
export class RoleResolver {
  constructor(
    private readonly admins: readonly string[],
    private readonly directory: RoomDirectory,
    private readonly leaderTable: Table<MemberRef[]>,
  ) {}

  isAdmin(member: MemberRef): boolean {
    return this.admins.includes(member.key) || this.admins.includes(member.name)
  }

  /** Settles without a promise when the room is at hand: every command asks this first. */
  roleOf(roomKey: string | undefined, member: MemberRef): Role | Promise<Role> {
    if (this.isAdmin(member)) return 'admin'
    if (!roomKey) return 'member'
    if (this.isNamedLeader(roomKey, member.key)) return 'leader'
    const owner = this.directory.ownerKey(roomKey)
    if (owner instanceof Promise) return owner.then((key) => (key === member.key ? 'leader' : 'member'))
    return owner === member.key ? 'leader' : 'member'
  }

  private isNamedLeader(roomKey: string, memberKey: string): boolean {
    const named = this.leaderTable.get(roomKey)
    if (named === undefined) return false
    for (const m of named) if (m.key === memberKey) return true
    return false
  }

  async isOwner(roomKey: string, memberKey: string): Promise<boolean> {
    return (await this.directory.ownerKey(roomKey)) === memberKey
  }

  namedLeaders(roomKey: string): MemberRef[] {
    return this.leaderTable.get(roomKey) ?? []
  }

  /**
   * The owner first, then the named leaders who are still in the room, as the room names them now. Only
   * the leaders are looked up: an intro in a room of 500 must not load 500 members.
   */
  async leaders(roomKey: string): Promise<MemberRef[]> {
    const ownerKey = await this.directory.ownerKey(roomKey)
    const keys = [...(ownerKey ? [ownerKey] : [])]
    for (const named of this.namedLeaders(roomKey)) if (named.key !== ownerKey) keys.push(named.key)
    const present = await Promise.all(keys.map((key) => this.directory.memberIn(roomKey, key)))
    return present.filter((m): m is MemberRef => m !== undefined)
  }

  async addLeader(roomKey: string, member: MemberRef): Promise<boolean> {
    const current = this.namedLeaders(roomKey)
    if (current.some((m) => m.key === member.key)) return false
    await this.leaderTable.set(roomKey, [...current, member])
    return true
  }

  async removeLeader(roomKey: string, memberKey: string): Promise<boolean> {
    const current = this.namedLeaders(roomKey)
    if (!current.some((m) => m.key === memberKey)) return false
    await this.leaderTable.set(
      roomKey,
      current.filter((m) => m.key !== memberKey),
    )
    return true
  }
}
