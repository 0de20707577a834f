import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { FileBox } from 'file-box'
import { types } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import {
  isRecord,
  keepGoodCopySync,
  parseJsonState,
  StateFileCorruptError,
  writeFileAtomicallySync,
} from '../store/snapshot-file.js'

type ContactMock = ReturnType<mock.Mocker['createContact']>
type RoomMock = ReturnType<mock.Mocker['createRoom']>
interface SavedWorld {
  rooms: Array<{ topic: string; members: string[]; owner?: string }>
}
type MessagePayload = {
  id: string
  talkerId: string
  roomId?: string
  listenerId?: string
  text?: string
  type: number
}

/**
 * Ids derived from names, so a member or room keeps its key across sandbox runs on the same --data folder
 * (state is keyed by these ids, as it is by wxid on a real account).
 */
function stableId(kind: string, name: string): string {
  return `sandbox_${kind}_${createHash('sha256').update(name).digest('hex').slice(0, 16)}`
}

/** The mock puppet, with room notices made visible (the stock mock silently ignores them). */
export class SandboxPuppet extends PuppetMock {
  onNotice: (roomId: string, text: string) => void = () => undefined

  override roomAnnounce(roomId: string): Promise<string>
  override roomAnnounce(roomId: string, text: string): Promise<void>
  // biome-ignore lint/suspicious/noExplicitAny: the base class overloads return string or void
  override async roomAnnounce(roomId: string, text?: string): Promise<any> {
    if (text === undefined) return ''
    this.onNotice(roomId, text)
  }
}

/**
 * The simulated WeChat around the bot: members and rooms by name, messages built with the sandbox clock's
 * time and ids of our choosing (the mock would stamp the real time and random ids).
 */
export class SandboxWorld {
  readonly mocker = new mock.Mocker()
  readonly puppet: SandboxPuppet
  private readonly contacts = new Map<string, ContactMock>()
  private readonly rooms = new Map<string, RoomMock>()
  private self?: ContactMock
  private seq = 0
  private readonly runId = Date.now().toString(36)

  constructor(
    private readonly onBotMessage: (payload: MessagePayload) => void,
    /** where the simulated WeChat keeps its rooms, members and owners between runs; none = forget */
    private readonly worldFile?: string,
  ) {
    this.puppet = new SandboxPuppet({ mocker: this.mocker })
  }

  /** Recreates the rooms of an earlier run on the same data folder, as WeChat would still have them. */
  restore(): void {
    if (!this.worldFile || !existsSync(this.worldFile)) return
    // The rooms, members and owners of earlier runs are state like any other: a damaged file stops start-up
    // rather than silently starting an empty world over it.
    const text = readFileSync(this.worldFile, 'utf8')
    const saved = parseWorld(this.worldFile, text)
    keepGoodCopySync(this.worldFile, text)
    for (const r of saved.rooms) {
      const room = this.room(r.topic)
      for (const name of r.members) this.ensureMember(room, this.contact(name))
      if (r.owner) this.setOwner(room, this.contact(r.owner))
    }
  }

  save(): void {
    if (!this.worldFile) return
    const rooms = [...this.rooms.entries()].map(([topic, room]) => {
      const payload = this.mocker.roomPayload(room.id) as { memberIdList: string[]; ownerId?: string }
      const nameOf = (id: string) => (this.mocker.contactPayload(id) as { name: string }).name
      return {
        topic,
        members: payload.memberIdList.filter((id) => id !== this.self?.id).map(nameOf),
        owner: payload.ownerId ? nameOf(payload.ownerId) : undefined,
      }
    })
    mkdirSync(dirname(this.worldFile), { recursive: true })
    writeFileAtomicallySync(this.worldFile, `${JSON.stringify({ rooms }, null, 2)}\n`)
  }

  login(botName: string): void {
    this.self = this.mocker.createContact({ id: stableId('bot', botName), name: botName })
    this.watch(this.self)
    this.mocker.login(this.self)
    this.puppet.emit('ready', { data: 'ready' })
  }

  get botId(): string {
    if (!this.self) throw new Error('not logged in')
    return this.self.id
  }

  /** The member of that name; the bot's own name is the bot itself. */
  contact(name: string): ContactMock {
    if (this.self && name === this.self.payload.name) return this.self
    let c = this.contacts.get(name)
    if (!c) {
      c = this.mocker.createContact({ id: stableId('wxid', name), name })
      this.watch(c)
      this.contacts.set(name, c)
    }
    return c
  }

  knownContact(name: string): ContactMock | undefined {
    return this.contacts.get(name)
  }

  room(topic: string): RoomMock {
    let r = this.rooms.get(topic)
    if (!r) {
      r = this.mocker.createRoom({
        id: `${stableId('room', topic)}@chatroom`,
        topic,
        memberIdList: [this.botId],
      })
      ;(r as unknown as NodeJS.EventEmitter).on('message', (m: { payload: MessagePayload }) =>
        this.fromBot(m.payload),
      )
      this.rooms.set(topic, r)
    }
    return r
  }

  topicOf(roomId: string): string {
    return (this.mocker.roomPayload(roomId) as { topic: string }).topic
  }

  memberIds(room: RoomMock): string[] {
    return (this.mocker.roomPayload(room.id) as { memberIdList: string[] }).memberIdList
  }

  /** Puts a member in the room without a join event, as the protocol asks for first-time speakers. */
  ensureMember(room: RoomMock, contact: ContactMock): void {
    const ids = this.memberIds(room)
    if (!ids.includes(contact.id)) ids.push(contact.id)
  }

  setOwner(room: RoomMock, contact: ContactMock): void {
    ;(this.mocker.roomPayload(room.id) as { ownerId?: string }).ownerId = contact.id
  }

  /** Ids of messages the sandbox injected: input, never printed as the bot's output. */
  private readonly injected = new Set<string>()

  markInjected(id: string): void {
    this.injected.add(id)
  }

  nextId(): string {
    const id = `sb-${this.runId}-${++this.seq}`
    this.injected.add(id)
    return id
  }

  /** Emits a text message dated by the sandbox clock, under an id chosen beforehand. */
  say(
    id: string,
    from: ContactMock,
    where: { room?: RoomMock },
    text: string,
    mentionIds: string[],
    at: Date,
  ): void {
    this.mocker.MessageMock.create({
      id,
      type: types.Message.Text,
      text,
      talkerId: from.id,
      ...(where.room ? { roomId: where.room.id, mentionIdList: mentionIds } : { listenerId: this.botId }),
      timestamp: at.getTime(),
    } as never)
    this.puppet.emit('message', { messageId: id })
  }

  async imageBox(file: string): Promise<FileBox> {
    const data = await readFile(file)
    return FileBox.fromBase64(data.toString('base64'), basename(file))
  }

  sendImage(id: string, from: ContactMock, room: RoomMock, box: FileBox, at: Date): void {
    this.mocker.cacheFileBoxPayload.set(id, box.toJSON())
    this.mocker.MessageMock.create({
      id,
      type: types.Message.Image,
      talkerId: from.id,
      roomId: room.id,
      mentionIdList: [],
      timestamp: at.getTime(),
    } as never)
    this.puppet.emit('message', { messageId: id })
  }

  imageName(messageId: string): string {
    const json = this.mocker.cacheFileBoxPayload.get(messageId) as { name?: string } | undefined
    return json?.name ?? 'image'
  }

  private watch(contact: ContactMock): void {
    ;(contact as unknown as NodeJS.EventEmitter).on('message', (m: { payload: MessagePayload }) => {
      // A direct message to this contact: rooms are printed by the room listener.
      if (!m.payload.roomId && m.payload.listenerId === contact.id) this.fromBot(m.payload)
    })
  }

  private fromBot(payload: MessagePayload): void {
    if (this.injected.has(payload.id)) return
    if (this.self && payload.talkerId === this.self.id) this.onBotMessage(payload)
  }
}

function isSavedRoom(value: unknown): value is SavedWorld['rooms'][number] {
  if (!isRecord(value)) return false
  const { topic, members, owner } = value
  return (
    typeof topic === 'string' &&
    Array.isArray(members) &&
    members.every((m) => typeof m === 'string') &&
    (owner === undefined || typeof owner === 'string')
  )
}

/** The saved world, or StateFileCorruptError for anything that is not one. */
function parseWorld(path: string, text: string): SavedWorld {
  const raw = parseJsonState(path, text)
  if (!isRecord(raw) || !Array.isArray(raw.rooms) || !raw.rooms.every(isSavedRoom)) {
    throw new StateFileCorruptError(path, '内容不是沙盒世界的格式（rooms 列表）')
  }
  return { rooms: raw.rooms }
}
