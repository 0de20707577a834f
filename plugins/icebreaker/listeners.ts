import type { ChatMessage, ListenerSpec, MemberRef } from '../../src/index.js'
import { isGiftClaim } from './claims.js'
import { type Deps, say } from './deps.js'
import { looksLikeFreeIntro } from './free-intro.js'
import { pickDetail } from './intro-detail.js'
import { decideIntro } from './intro-outcome.js'
import { mayHoldIntro, parseIntro } from './intro-parser.js'
import type { Profile } from './profiles.js'
import { asksForTemplate } from './template-question.js'
import { mentionText, nameList } from './welcome-text.js'

// Commands belong to the router; an unknown one must not be read as an intro either.
const COMMAND_START = /^\s*[/／#]/u

type RoomMessage = ChatMessage & { room: NonNullable<ChatMessage['room']> }

function inRoom(msg: ChatMessage): msg is RoomMessage {
  return msg.room !== undefined && msg.kind === 'text' && !COMMAND_START.test(msg.text)
}

/** Order 40: a gift claim also reads like chat, so it is looked at before the intro listener. */
export function giftListener(deps: Deps): ListenerSpec {
  return { name: 'gift', order: 40, readOnly: false, when: mayClaim, run: (msg) => claimGift(deps, msg) }
}

/** Order 50: a message that fills the room's template is recorded as the member's profile. */
export function introListener(deps: Deps): ListenerSpec {
  const when = (msg: ChatMessage) =>
    inRoom(msg) && mayHoldIntro(msg.text, deps.state.currentFields(msg.room.key), deps.synonyms)
  return { name: 'intro', order: 50, readOnly: false, when, run: (msg) => readIntro(deps, msg) }
}

/**
 * Order 60: 「大家好，我是阿强，喜欢吃面」 fills no label, so the intro listener lets it pass. A member who
 * has not introduced yet is shown the template, once, so a warm hello is not met with silence.
 */
export function freeIntroListener(deps: Deps): ListenerSpec {
  return {
    name: 'free-intro',
    order: 60,
    readOnly: false,
    when: (msg) => mayBeFreeIntro(deps, msg),
    run: (msg) => hintTemplate(deps, msg as RoomMessage),
  }
}

/**
 * A member shown the template (on asking, or in the free-form hint) is not shown it again within this time:
 * asking again gets one pointer to the copy above, and a free-form hello written meanwhile no second copy.
 */
const TEMPLATE_SHOWN_RECENTLY_MS = 10 * 60_000

/**
 * Order 55: 「自我介绍模板在哪？」 gets the room's template. Asked again within ten minutes, the answer points
 * to the copy above, once; further questions get nothing, so a chatty member does not flood the room.
 */
export function templateQuestionListener(deps: Deps): ListenerSpec {
  return {
    name: 'template-question',
    order: 55,
    readOnly: true,
    // The word check first: it turns away nearly every message on its own, before inRoom's regex.
    when: (msg) => asksForTemplate(msg.text) && inRoom(msg),
    run: (msg) => answerTemplate(deps, msg as RoomMessage),
  }
}

async function answerTemplate(deps: Deps, msg: RoomMessage): Promise<boolean> {
  const room = msg.room.key
  const now = deps.ctx.clock.nowMs()
  if (deps.templateShown.within(room, msg.sender.key, now, TEMPLATE_SHOWN_RECENTLY_MS)) {
    if (deps.templateShown.pointOnce(room, msg.sender.key)) {
      const text = say(deps, 'template-above', { mention: mentionText([msg.sender]) })
      await replyTo(deps, msg, text, [msg.sender])
    }
    return true
  }
  deps.templateShown.mark(room, msg.sender.key, now)
  const leaders = await deps.ctx.rooms.leaders(room)
  const isLeader = leaders.some((leader) => leader.key === msg.sender.key)
  const claimed = deps.state.gift(room, msg.sender.key) !== undefined
  const text = say(deps, 'template-asked', {
    mention: mentionText([msg.sender]),
    fields: deps.state.fields(room),
    leader: isLeader || claimed ? undefined : leaders[0]?.name,
  })
  await replyTo(deps, msg, text, [msg.sender])
  return true
}

function mayBeFreeIntro(deps: Deps, msg: ChatMessage): msg is RoomMessage {
  if (!inRoom(msg)) return false
  const room = msg.room.key
  const member = msg.sender.key
  return (
    !deps.state.profile(room, member) &&
    !deps.state.draft(room, member) &&
    !deps.state.freeIntroHinted(room, member) &&
    looksLikeFreeIntro(msg.text) &&
    // Just given the template on asking: a hello written meanwhile needs no second copy of it.
    !deps.templateShown.within(room, member, deps.ctx.clock.nowMs(), TEMPLATE_SHOWN_RECENTLY_MS)
  )
}

async function hintTemplate(deps: Deps, msg: RoomMessage): Promise<boolean> {
  const room = msg.room.key
  const leaders = await deps.ctx.rooms.leaders(room)
  // Leaders introduce themselves with /破冰 我的介绍; their 「我是……」 is talk, not a missed template.
  if (leaders.some((leader) => leader.key === msg.sender.key)) return false
  await deps.state.markFreeIntroHinted(room, msg.sender.key, deps.ctx.clock.now().toISOString())
  deps.templateShown.mark(room, msg.sender.key, deps.ctx.clock.nowMs())
  const text = say(deps, 'intro-freeform', {
    mention: mentionText([msg.sender]),
    fields: deps.state.fields(room),
    leader: deps.state.gift(room, msg.sender.key) ? undefined : leaders[0]?.name,
  })
  await replyTo(deps, msg, text, [msg.sender])
  return true
}

function mayClaim(msg: ChatMessage): msg is RoomMessage {
  return inRoom(msg) && msg.mentions.length > 0 && isGiftClaim(msg.text)
}

async function claimGift(deps: Deps, msg: ChatMessage): Promise<boolean> {
  if (!mayClaim(msg)) return false
  const room = msg.room.key
  const leaders = await deps.ctx.rooms.leaders(room)
  // Wechaty already reads text-only mentions (puppets without a mention list) into msg.mentions.
  const asked = leaders.filter((leader) => msg.mentions.some((m) => m.key === leader.key))
  // Leaders hand out the gifts; one of them talking about gifts to another is not a claim.
  if (asked.length === 0 || leaders.some((leader) => leader.key === msg.sender.key)) return false
  const profile = deps.state.profile(room, msg.sender.key) ?? (await introduceInPassing(deps, msg))
  const mention = mentionText([msg.sender])
  if (!profile) {
    const fields = deps.state.fields(room)
    await replyTo(deps, msg, say(deps, 'gift-intro-first', { mention, fields }), [msg.sender])
    return true
  }
  const claimedAt = deps.ctx.clock.now().toISOString()
  if (!(await deps.state.recordGift(room, msg.sender.key, { name: deps.config.gift, claimedAt }))) {
    await replyTo(deps, msg, say(deps, 'gift-already', { mention, leaders: nameList(asked) }), [msg.sender])
    return true
  }
  const text = say(deps, 'gift-granted', { mention, leaderMentions: mentionText(asked) })
  await replyTo(deps, msg, text, [msg.sender, ...asked])
  const note = say(deps, 'gift-leader-dm', { name: msg.sender.name, topic: msg.room.topic, profile })
  for (const leader of asked) await deps.ctx.sendDirect(leader.key, note)
  return true
}

/** 「昵称：…… @王老师 领礼物」: the intro and the claim in one message count as both. */
async function introduceInPassing(deps: Deps, msg: RoomMessage): Promise<Profile | undefined> {
  const fields = deps.state.fields(msg.room.key)
  const parse = parseIntro(msg.text, fields, deps.synonyms)
  const draft = deps.state.draft(msg.room.key, msg.sender.key)
  const outcome = decideIntro(parse, fields, { draft })
  if (outcome.type !== 'recorded') return undefined
  return saveProfile(deps, msg, outcome.values)
}

async function readIntro(deps: Deps, msg: ChatMessage): Promise<boolean> {
  if (!inRoom(msg)) return false
  const room = msg.room.key
  const fields = deps.state.fields(room)
  const parse = parseIntro(msg.text, fields, deps.synonyms)
  const outcome = decideIntro(parse, fields, {
    profile: deps.state.profile(room, msg.sender.key)?.fields,
    draft: deps.state.draft(room, msg.sender.key),
  })
  if (outcome.type === 'none') return false
  const leaders = await deps.ctx.rooms.leaders(room)
  const isLeader = leaders.some((leader) => leader.key === msg.sender.key)
  if (outcome.type === 'partial') {
    // A leader pasting the empty template to show it is not a half-done intro.
    if (isLeader) return false
    await deps.state.saveDraft(room, msg.sender.key, outcome.draft)
    const text = say(deps, 'intro-partial', { mention: mentionText([msg.sender]), missing: outcome.missing })
    await replyTo(deps, msg, text, [msg.sender])
    return true
  }
  const profile = await saveProfile(deps, msg, outcome.values)
  // Pick up what this message said: on an update, that is what changed.
  const told = Object.keys(parse.values).length > 0 ? parse.values : profile.fields
  const nudge = !isLeader && !deps.state.gift(room, msg.sender.key) ? leaders[0]?.name : undefined
  await thank(deps, msg, { told, fields, updated: outcome.updated, leader: nudge })
  return true
}

interface Thanks {
  told: Record<string, string>
  fields: string[]
  updated: boolean
  /** the leader to claim the gift from, while it is unclaimed */
  leader: string | undefined
}

async function thank(deps: Deps, msg: RoomMessage, { told, fields, updated, leader }: Thanks): Promise<void> {
  const seed = `${msg.sender.name}|${Object.values(told).join('|')}`
  const detail = pickDetail(told, fields, deps.synonyms, seed)
  const variant = Array.from(detail?.value ?? '').length % 2
  const text = say(deps, 'intro-thanks', {
    mention: mentionText([msg.sender]),
    detail,
    updated,
    variant,
    leader,
  })
  await replyTo(deps, msg, text, [msg.sender])
}

async function saveProfile(deps: Deps, msg: RoomMessage, values: Record<string, string>): Promise<Profile> {
  const profile: Profile = {
    memberKey: msg.sender.key,
    name: msg.sender.name,
    fields: values,
    updatedAt: deps.ctx.clock.now().toISOString(),
  }
  await deps.state.saveProfile(msg.room.key, profile)
  return profile
}

function replyTo(deps: Deps, msg: RoomMessage, text: string, mentions: MemberRef[]): Promise<void> {
  return deps.ctx.send(msg.room.key, { text, mentions })
}
