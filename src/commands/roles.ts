import type { MemberRef, Role } from '../host/types.js'
import type { Table } from '../store/state-store.js'

const RANK: Record<Role, number> = { member: 0, leader: 1, admin: 2 }

export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed]
}

export interface RoomDirectory {
  ownerKey(roomKey: string): Promise<string | undefined>
  members(roomKey: string): Promise<MemberRef[]>
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

  async roleOf(roomKey: string | undefined, member: MemberRef): Promise<Role> {
    if (this.isAdmin(member)) return 'admin'
    if (!roomKey) return 'member'
    if (this.namedLeaders(roomKey).some((m) => m.key === member.key)) return 'leader'
    const owner = await this.directory.ownerKey(roomKey)
    return owner === member.key ? 'leader' : 'member'
  }

  async isOwner(roomKey: string, memberKey: string): Promise<boolean> {
    return (await this.directory.ownerKey(roomKey)) === memberKey
  }

  namedLeaders(roomKey: string): MemberRef[] {
    return this.leaderTable.get(roomKey) ?? []
  }

  /** The owner first, then the named leaders who are still in the room. */
  async leaders(roomKey: string): Promise<MemberRef[]> {
    const members = await this.directory.members(roomKey)
    const ownerKey = await this.directory.ownerKey(roomKey)
    const owner = members.find((m) => m.key === ownerKey)
    const named = this.namedLeaders(roomKey).filter(
      (m) => m.key !== ownerKey && members.some((x) => x.key === m.key),
    )
    return owner ? [owner, ...named] : named
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
