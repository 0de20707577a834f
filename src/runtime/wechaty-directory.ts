import type { Contact as ContactInterface, Room as RoomInterface, Wechaty } from 'wechaty'
import type { RoomDirectory } from '../commands/roles.js'
import type { MemberRef } from '../host/types.js'

const NICKNAME_TTL_MS = 5 * 60_000
const NICKNAMES_KEPT = 50_000

/** A room as plugins see it; frozen and shared by every message while the topic stays the same. */
export type RoomRef = Readonly<{ key: string; topic: string }>

interface Nickname {
  ref: MemberRef
  until: number
}

/**
 * Room and member lookups over Wechaty. Keys are the puppet's ids: stable on the puppet service and the
 * mock (`wxid_…`, `…@chatroom`). The web protocol re-issues ids at every login; see README.
 */
export class WechatyDirectory implements RoomDirectory {
  private readonly rooms = new Map<string, RoomInterface>()
  /** room key → member key → the member as named in that room */
  private readonly nicknames = new Map<string, Map<string, Nickname>>()
  private nicknamesKept = 0
  private readonly roomRefs = new Map<string, RoomRef>()

  constructor(private readonly bot: Wechaty) {}

  async room(roomKey: string): Promise<RoomInterface | undefined> {
    const cached = this.rooms.get(roomKey)
    if (cached) return cached
    const room = await this.bot.Room.find({ id: roomKey })
    if (room) this.rooms.set(roomKey, room)
    return room
  }

  /** The room if the bot has already met it (a message, a join), without asking the puppet. */
  knownRoom(roomKey: string): RoomInterface | undefined {
    return this.rooms.get(roomKey)
  }

  async contact(memberKey: string): Promise<ContactInterface | undefined> {
    return this.bot.Contact.find({ id: memberKey })
  }

  remember(room: RoomInterface): void {
    this.rooms.set(room.id, room)
  }

  /** The room's key and topic for a message; a renamed room gets a new ref, older messages keep theirs. */
  roomRef(key: string, topic: string): RoomRef {
    const known = this.roomRefs.get(key)
    if (known !== undefined && known.topic === topic) return known
    const ref: RoomRef = Object.freeze({ key, topic })
    this.roomRefs.set(key, ref)
    return ref
  }

  async members(roomKey: string): Promise<MemberRef[]> {
    const room = await this.room(roomKey)
    if (!room) return []
    const self = this.bot.isLoggedIn ? this.bot.currentUser.id : undefined
    const contacts = await room.memberAll()
    const members: MemberRef[] = []
    for (const c of contacts) if (c.id !== self) members.push(await this.memberOf(room, c))
    return members
  }

  /**
   * The group nickname when the member set one: that is the name people see in the room. Looked up for
   * every message, so kept for a few minutes (and forgotten when the room's membership changes).
   */
  async memberOf(room: RoomInterface | undefined, contact: ContactInterface): Promise<MemberRef> {
    if (!room) return { key: contact.id, name: contact.name() }
    const known = this.knownMember(room, contact)
    if (known) return known
    const alias = (await room.alias(contact).catch(() => undefined)) ?? ''
    const ref: MemberRef = Object.freeze({ key: contact.id, name: alias || contact.name() })
    this.rememberNickname(room.id, contact.id, { ref, until: Date.now() + NICKNAME_TTL_MS })
    return ref
  }

  /**
   * The member as last looked up, while that is fresh; undefined means ask {@link memberOf}. The same
   * frozen object is handed out until it expires: every message of a chatty member shares it.
   */
  knownMember(room: RoomInterface | undefined, contact: ContactInterface): MemberRef | undefined {
    if (!room) return undefined
    const cached = this.nicknames.get(room.id)?.get(contact.id)
    if (!cached || cached.until <= Date.now()) return undefined
    return cached.ref
  }

  /** Membership changed (join, leave): nicknames are looked up afresh. */
  forgetNicknames(roomKey: string): void {
    const room = this.nicknames.get(roomKey)
    if (!room) return
    this.nicknamesKept -= room.size
    this.nicknames.delete(roomKey)
  }

  private rememberNickname(roomKey: string, memberKey: string, entry: Nickname): void {
    if (this.nicknamesKept >= NICKNAMES_KEPT) {
      this.nicknames.clear()
      this.nicknamesKept = 0
    }
    let room = this.nicknames.get(roomKey)
    if (!room) {
      room = new Map()
      this.nicknames.set(roomKey, room)
    }
    if (!room.has(memberKey)) this.nicknamesKept++
    room.set(memberKey, entry)
  }

  async memberIn(roomKey: string, memberKey: string): Promise<MemberRef | undefined> {
    const room = await this.room(roomKey)
    const contact = room ? await this.contact(memberKey) : undefined
    if (!room || !contact || !(await room.has(contact))) return undefined
    return this.memberOf(room, contact)
  }

  ownerKey(roomKey: string): string | undefined | Promise<string | undefined> {
    const room = this.knownRoom(roomKey)
    if (room) return room.owner()?.id
    return this.room(roomKey).then((found) => found?.owner()?.id)
  }

  async topic(roomKey: string): Promise<string | undefined> {
    const room = await this.room(roomKey)
    return room ? room.topic() : undefined
  }

  async list(): Promise<Array<{ key: string; topic: string }>> {
    const rooms = await this.bot.Room.findAll()
    return Promise.all(rooms.map(async (room) => ({ key: room.id, topic: await room.topic() })))
  }
}
