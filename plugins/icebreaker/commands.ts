import { type CommandInvocation, type CommandSpec, roomOf, UserFacingError } from '../../src/index.js'
import { type Deps, say } from './deps.js'
import { computeProgress } from './progress.js'
import { readTemplateFields } from './template-fields.js'
import { fillWelcome, mentionText, nameList } from './welcome-text.js'

const MAX_LEADER_INTRO_CHARS = 500
const MAX_WELCOME_CHARS = 300
/** Past this many, the progress lists the first ones and says how many more. */
const MAX_NAMES_LISTED = 30
const RESET_WORDS = new Set(['默认', '恢复默认', '重置', 'default', 'reset'])

/** `/破冰` and its subcommands; every one is for the room's leaders. */
export function icebreakerCommand(deps: Deps): CommandSpec {
  return {
    name: 'icebreaker',
    aliases: ['破冰'],
    description: '发起破冰：先发组长的介绍，再发自我介绍模板',
    usage: '/破冰 · /破冰 进度 · /破冰 提醒 · /破冰 模板 字段… · /破冰 我的介绍 内容 · /破冰 欢迎语 内容',
    example: '/破冰 模板 昵称 城市 空闲时喜欢做什么',
    role: 'leader',
    // Not read-only: a kickoff or a reminder posted twice after a redelivery would be spam.
    subcommands: [
      {
        ...leaderOnly('我的介绍', ['介绍', 'me'], '写下你自己的介绍，破冰时先发'),
        usage: '/破冰 我的介绍 内容',
        run: (call) => leaderIntro(deps, call),
      },
      {
        ...leaderOnly('模板', ['template', '字段'], '查看或修改本群的自我介绍模板'),
        usage: '/破冰 模板 字段1 字段2 …',
        run: (call) => template(deps, call),
      },
      {
        ...leaderOnly('进度', ['progress', '统计'], '谁介绍了、谁还没有'),
        readOnly: true,
        run: (call) => progress(deps, call),
      },
      {
        ...leaderOnly('提醒', ['remind', '催'], '@ 一下还没介绍的成员'),
        // One @-everyone-who-has-not message per half hour is plenty for a room.
        cooldownSeconds: 30 * 60,
        run: (call) => remind(deps, call),
      },
      {
        ...leaderOnly('欢迎语', ['welcome', '欢迎'], '设置本群的欢迎语，可用 {新人} {群名} {组长}'),
        usage: '/破冰 欢迎语 内容',
        run: (call) => welcome(deps, call),
      },
    ],
    run: (call) => kickoff(deps, call),
  }
}

function leaderOnly(name: string, aliases: string[], description: string) {
  return { name, aliases, description, role: 'leader' as const }
}

async function kickoff(deps: Deps, call: CommandInvocation): Promise<void> {
  const room = roomOf(call)
  if (call.args[0] !== undefined) throw new UserFacingError('icebreaker.unknown-sub', { word: call.args[0] })
  const leader = call.msg.sender
  const intro = deps.state.leaderIntro(room.key, leader.key)
  const fields = deps.state.fields(room.key)
  await call.reply(say(deps, 'kickoff', { leader: leader.name, intro: intro?.text, fields }))
  await call.reply(say(deps, 'template', { fields }))
  if (!intro) await call.reply(say(deps, 'leader-intro-missing', { leader: leader.name }))
}

async function leaderIntro(deps: Deps, call: CommandInvocation): Promise<void> {
  const room = roomOf(call)
  const text = call.rest.trim()
  const leader = call.msg.sender
  if (text === '') {
    const intro = deps.state.leaderIntro(room.key, leader.key)
    await call.reply(say(deps, 'leader-intro-show', { leader: leader.name, intro: intro?.text }))
    return
  }
  if (Array.from(text).length > MAX_LEADER_INTRO_CHARS)
    throw new UserFacingError('icebreaker.intro-too-long', { max: MAX_LEADER_INTRO_CHARS })
  const updatedAt = deps.ctx.clock.now().toISOString()
  await deps.state.setLeaderIntro(room.key, leader.key, { name: leader.name, text, updatedAt })
  await call.reply(say(deps, 'leader-intro-saved', { leader: leader.name }))
}

async function template(deps: Deps, call: CommandInvocation): Promise<void> {
  const room = roomOf(call)
  if (call.args.length === 0) {
    const vars = { fields: deps.state.fields(room.key), isDefault: deps.state.isDefaultFields(room.key) }
    await call.reply(say(deps, 'fields-show', vars))
    return
  }
  if (call.args.length === 1 && RESET_WORDS.has(call.args[0]?.toLowerCase() ?? '')) {
    await deps.state.setFields(room.key, undefined)
    await call.reply(say(deps, 'fields-saved', { fields: deps.state.fields(room.key), reset: true }))
    return
  }
  const result = readTemplateFields(call.args)
  if (!result.ok) throw new UserFacingError(`icebreaker.${result.code}`, { ...result })
  await deps.state.setFields(room.key, result.fields)
  await call.reply(say(deps, 'fields-saved', { fields: result.fields, reset: false }))
}

async function roomProgress(deps: Deps, roomKey: string) {
  const [members, leaders] = await Promise.all([
    deps.ctx.rooms.members(roomKey),
    deps.ctx.rooms.leaders(roomKey),
  ])
  const introduced = new Set(deps.state.profiles(roomKey).map((p) => p.memberKey))
  const exclude = new Set(leaders.map((leader) => leader.key))
  return computeProgress(members, introduced, deps.state.giftKeys(roomKey), exclude)
}

async function progress(deps: Deps, call: CommandInvocation): Promise<void> {
  const p = await roomProgress(deps, roomOf(call).key)
  await call.reply(
    say(deps, 'progress', {
      total: p.total,
      introduced: p.introduced.length,
      pending: nameList(p.pending.slice(0, MAX_NAMES_LISTED)),
      pendingCount: p.pending.length,
      more: p.pending.length > MAX_NAMES_LISTED,
      gifts: nameList(p.giftsClaimed.slice(0, MAX_NAMES_LISTED)),
      giftCount: p.giftsClaimed.length,
      giftsMore: p.giftsClaimed.length > MAX_NAMES_LISTED,
    }),
  )
}

async function remind(deps: Deps, call: CommandInvocation): Promise<void> {
  const room = roomOf(call)
  const p = await roomProgress(deps, room.key)
  if (p.pending.length === 0) {
    await call.reply(say(deps, 'remind-all-done', { total: p.total }))
    return
  }
  const fields = deps.state.fields(room.key)
  const batches = deps.ctx.mentionBatches(p.pending)
  for (const [i, batch] of batches.entries()) {
    const vars = {
      mentions: mentionText(batch),
      count: p.pending.length,
      fields,
      leader: call.msg.sender.name,
    }
    await call.reply({ text: say(deps, i === 0 ? 'remind' : 'remind-more', vars), mentions: batch })
  }
}

async function welcome(deps: Deps, call: CommandInvocation): Promise<void> {
  const room = roomOf(call)
  const text = call.rest.trim()
  const sample = async (custom: string | undefined) => {
    const leaders = nameList(await deps.ctx.rooms.leaders(room.key))
    const vars = { newcomers: '@新朋友', topic: room.topic, leaders }
    return custom === undefined
      ? say(deps, 'welcome', { ...vars, many: false, fields: deps.state.fields(room.key) })
      : fillWelcome(custom, vars)
  }
  if (text === '') {
    const custom = deps.state.welcome(room.key)
    await call.reply(say(deps, 'welcome-show', { custom, preview: await sample(custom) }))
    return
  }
  if (RESET_WORDS.has(text.toLowerCase())) {
    await deps.state.setWelcome(room.key, undefined)
    await call.reply(say(deps, 'welcome-saved', { reset: true, preview: await sample(undefined) }))
    return
  }
  if (Array.from(text).length > MAX_WELCOME_CHARS)
    throw new UserFacingError('icebreaker.welcome-too-long', { max: MAX_WELCOME_CHARS })
  await deps.state.setWelcome(room.key, text)
  await call.reply(say(deps, 'welcome-saved', { reset: false, preview: await sample(text) }))
}
