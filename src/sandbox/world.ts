import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { FileBox } from 'file-box'
import { types } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'

type ContactMock = ReturnType<mock.Mocker['createContact']>
type RoomMock = ReturnType<mock.Mocker['createRoom']>
type MessagePayload = {
  id: string
  talkerId: string
  roomId?: string
  listenerId?: string
  text?: string
  type: number
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

  constructor(private readonly onBotMessage: (payload: MessagePayload) => void) {
    this.puppet = new SandboxPuppet({ mocker: this.mocker })
  }

  login(botName: string): void {
    this.self = this.mocker.createContact({ name: botName })
    this.watch(this.self)
    this.mocker.login(this.self)
    this.puppet.emit('ready', { data: 'ready' })
  }

  get botId(): string {
    if (!this.self) throw new Error('not logged in')
    return this.self.id
  }

  contact(name: string): ContactMock {
    let c = this.contacts.get(name)
    if (!c) {
      c = this.mocker.createContact({ name })
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
      r = this.mocker.createRoom({ topic, memberIdList: [this.botId] })
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

  nextId(): string {
    return `sb-${this.runId}-${++this.seq}`
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
    if (this.self && payload.talkerId === this.self.id) this.onBotMessage(payload)
  }
}
