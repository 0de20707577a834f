/**
 * The puppet-service path for real, with no WeChat: a PuppetServer wrapping Wechaty's mock puppet listens on
 * 127.0.0.1, and the bot connects to it with the same PuppetService client (gRPC, TLS, token) that a real
 * account uses. Everything below crosses the wire in both directions.
 */
import { randomUUID } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { PuppetServer, PuppetService } from 'wechaty-puppet-service'
import { parseConfig } from '../../src/config/load.js'
import { silentLogger } from '../../src/logger.js'
import { bundledPlugins } from '../../src/plugins.js'
import { GroupBot } from '../../src/runtime/bot.js'
import { SystemClock } from '../../src/time/clock.js'
import { projectRoot, tempDir } from '../support/harness.js'
import { type ContactMock, freePort, nextEvent, type RoomMock, type SentPayload } from './service-support.js'

describe('puppet service loopback: PuppetServer(PuppetMock) ↔ PuppetService ↔ GroupBot', () => {
  const mocker = new mock.Mocker()
  const serverPuppet = new PuppetMock({ mocker })
  let server: PuppetServer | undefined
  let heartbeat: NodeJS.Timeout | undefined
  let bot: GroupBot | undefined
  let me: ContactMock
  let member: ContactMock
  let room: RoomMock

  /** The next thing the bot says in `room`, as seen by the server's mock. */
  function botSays(where: RoomMock, what: string): Promise<string> {
    return nextEvent<[{ payload: SentPayload }]>(
      where as unknown as EventEmitter,
      'message',
      (m) => m.payload.talkerId === me.id,
      what,
    ).then(([m]) => m.payload.text ?? '')
  }

  beforeAll(async () => {
    const endpoint = `127.0.0.1:${await freePort()}`
    const token = `insecure_${randomUUID()}`
    server = new PuppetServer({ endpoint, puppet: serverPuppet, token })
    await server.start()
    // The client's bot.start() starts the server's puppet over gRPC; the account logs in after that.
    serverPuppet.on('start', () => {
      setImmediate(() => {
        me = mocker.createContact({ name: '小助手' })
        mocker.login(me)
        serverPuppet.emit('ready', { data: 'ready' })
      })
    })
    // Without heartbeats the client's watchdog resets an idle session about every 65 s.
    heartbeat = setInterval(() => serverPuppet.emit('heartbeat', { data: 'e2e heartbeat' }), 5_000)

    bot = await GroupBot.create({
      config: parseConfig({ admins: ['王同学'] }),
      puppet: new PuppetService({ endpoint, token }),
      dataDir: tempDir(),
      projectRoot,
      clock: new SystemClock('Asia/Shanghai'),
      scheduleDriver: 'cron',
      pacing: 'off',
      plugins: bundledPlugins([]),
      logger: silentLogger(),
    })
    const login = nextEvent(bot.wechaty as unknown as EventEmitter, 'login', () => true, 'login')
    await bot.start()
    await login
    await bot.settle()

    member = mocker.createContact({ name: '王同学' })
    room = mocker.createRoom({ topic: '训练营1组', memberIdList: [me.id, member.id] })
  }, 60_000)

  afterAll(async () => {
    if (heartbeat) clearInterval(heartbeat)
    await bot?.stop()
    await server?.stop()
  }, 60_000)

  it('logs in as the server-side account', () => {
    expect(bot?.wechaty.isLoggedIn).toBe(true)
    expect(bot?.wechaty.currentUser.id).toBe(me.id)
    expect(bot?.wechaty.currentUser.name()).toBe('小助手')
  })

  it('a member’s /在吗 reaches the bot and its reply reaches the room', async () => {
    const reply = botSays(room, 'the reply to /在吗')
    member.say('/在吗').to(room)
    const text = await reply
    expect(text).toContain('在的')
    expect(text).toContain('王同学')
  }, 30_000)

  it('an @-mention of the bot with /计数 crosses both ways and counts', async () => {
    // Its own member in its own room: the counts start at zero whatever the other tests did.
    const counter = mocker.createContact({ name: '计数同学' })
    const counting = mocker.createRoom({ topic: '计数组', memberIdList: [me.id, counter.id] })
    const reply = botSays(counting, 'the reply to @小助手 /计数')
    counter.say('@小助手\u2005/计数', [me]).to(counting)
    expect(await reply).toContain('一共 1 次')

    const again = botSays(counting, 'the reply to the second /计数')
    counter.say('/计数').to(counting)
    expect(await again).toContain('一共 2 次')
  }, 30_000)

  it('a notice the account cannot set (Unsupported, over gRPC) arrives as a 【群公告】 message', async () => {
    const announce = vi
      .spyOn(serverPuppet, 'roomAnnounce')
      .mockRejectedValue(new Error('Wechaty Puppet Unsupported API Error.'))
    const posted = botSays(room, 'the notice as a message')
    member.say('/公告 发布 周六停课\n周日照常').to(room)
    expect(await posted).toBe('【群公告】\n周六停课\n周日照常')
    expect(announce).toHaveBeenCalled()
    announce.mockRestore()
  }, 30_000)

  it('a join on the server reaches the bot as room-join', async () => {
    const newcomer = mocker.createContact({ name: '李新人' })
    const joined = nextEvent<[{ id: string }, { name(): string }[]]>(
      bot!.wechaty as unknown as EventEmitter,
      'room-join',
      (r) => r.id === room.id,
      'room-join',
    )
    room.add(newcomer).by(member)
    const [joinedRoom, invitees] = await joined
    expect(joinedRoom.id).toBe(room.id)
    expect(invitees.map((c) => c.name())).toEqual(['李新人'])
    await bot!.settle()
  }, 30_000)
})
