import type { ChatMessage, CommandInvocation, PluginContext, Table } from '../../src/index.js'
import { UserFacingError } from '../../src/index.js'
import { localDate } from '../../src/time/zoned.js'
import {
  answer,
  currentQuestion,
  type GameKind,
  moveOn,
  pointsNow,
  type Round,
  type RoundSettings,
  ranking,
  startRound,
  takeHint,
} from './engine.js'
import {
  countRound,
  type DailyCount,
  parseQuestionCount,
  type RoomSettings,
  roundsToday,
} from './room-settings.js'

/** A round as stored per room; `id` tells a stale deadline (of an earlier question or round) from the live one. */
export type StoredRound = Round<unknown> & { id: string }

/** The deadline of the open question, on the core's timers so that it survives a restart and moves with the clock. */
export interface Deadlines {
  arm(roomKey: string, due: Date, payload: DeadlinePayload): Promise<void>
  cancel(roomKey: string): Promise<void>
}

export interface DeadlinePayload {
  roomKey: string
  roundId: string
  index: number
}

export interface GamesDefaults {
  points: number
  hintCost: number
  settings: RoomSettings
}

export interface GameTables {
  rounds: Table<StoredRound>
  settings: Table<Partial<RoomSettings>>
  daily: Table<DailyCount>
  /** ids of questions a room met lately, so the next rounds bring new ones */
  recent: Table<string[]>
}

export interface PlayDeps {
  ctx: PluginContext
  defaults: GamesDefaults
  tables: GameTables
  kinds: ReadonlyMap<string, GameKind<unknown>>
  deadlines: Deadlines
  random: () => number
}

const RECENT_KEPT = 300

export function settingsOf(deps: PlayDeps, roomKey: string): RoomSettings {
  return { ...deps.defaults.settings, ...deps.tables.settings.get(roomKey) }
}

function kindOf(deps: PlayDeps, round: StoredRound): GameKind<unknown> {
  const kind = deps.kinds.get(round.game)
  if (!kind) throw new Error(`unknown game ${round.game}`)
  return kind
}

function roomKeyOf(call: CommandInvocation): string {
  // Game commands are room-scoped: the router refuses them in private chat before this runs.
  if (!call.msg.room) throw new Error('game command outside a room')
  return call.msg.room.key
}

/** `/猜谜 [N]`, `/看图 [N]`, `/接龙 [N]`: one game at a time per room, within the room's daily limit. */
export async function startGame(
  deps: PlayDeps,
  kind: GameKind<unknown>,
  call: CommandInvocation,
): Promise<void> {
  const { ctx, tables } = deps
  const roomKey = roomKeyOf(call)
  const running = tables.rounds.get(roomKey)
  if (running) {
    const title = kindOf(deps, running).title
    await call.reply(ctx.render('games/busy.njk', { title, index: running.index + 1, total: running.total }))
    return
  }
  const count = parseQuestionCount(call.args[0], kind.command.defaultCount)
  if (!count.ok) throw new UserFacingError('games.bad-count', { ...count, command: kind.command.aliases[0] })
  const settings = settingsOf(deps, roomKey)
  const today = localDate(ctx.clock.now(), ctx.clock.timeZone)
  const played = roundsToday(tables.daily.get(roomKey), today)
  if (played >= settings.dailyRounds) {
    await call.reply(ctx.render('games/daily-limit.njk', { rounds: played, leader: call.role !== 'member' }))
    return
  }
  const recent = new Set(tables.recent.get(roomKey) ?? [])
  const questions = kind.plan(count.count, deps.random, recent)
  if (questions.length === 0) throw new UserFacingError('games.empty-pack', { title: kind.title })

  const roundSettings: RoundSettings = {
    timeLimitSeconds: settings.timeLimitSeconds,
    samePinyin: settings.samePinyin,
    points: deps.defaults.points,
    hintCost: deps.defaults.hintCost,
  }
  const now = ctx.clock.nowMs()
  const round: StoredRound = {
    ...startRound(kind, questions, count.count, roundSettings, now),
    id: `${kind.id}-${now}`,
  }
  // Written before anything is awaited: a guess handled right after this command must find the round.
  void tables.rounds.set(roomKey, round)
  void tables.daily.set(roomKey, countRound(tables.daily.get(roomKey), today))
  void tables.recent.set(roomKey, [...recent, ...questions.map((q) => kind.idOf(q))].slice(-RECENT_KEPT))
  if (count.capped) await call.reply(ctx.render('games/capped.njk', { count: count.count, max: count.count }))
  await deps.deadlines.arm(roomKey, new Date(round.deadline), deadlineOf(roomKey, round))
  await postQuestion(deps, roomKey, kind, round)
}

function deadlineOf(roomKey: string, round: StoredRound): DeadlinePayload {
  return { roomKey, roundId: round.id, index: round.index }
}

function questionText(deps: PlayDeps, kind: GameKind<unknown>, round: StoredRound): string {
  const question = currentQuestion(round)
  return deps.ctx.render('games/question.njk', {
    game: kind.id,
    title: kind.title,
    index: round.index + 1,
    total: round.total,
    seconds: round.settings.timeLimitSeconds,
    points: round.settings.points,
    samePinyin: round.settings.samePinyin,
    ...kind.view(question),
  })
}

async function postQuestion(
  deps: PlayDeps,
  roomKey: string,
  kind: GameKind<unknown>,
  round: StoredRound,
  before?: string,
) {
  const text = questionText(deps, kind, round)
  await deps.ctx.send(roomKey, before ? `${before}\n${text}` : text)
  const image = kind.image?.(currentQuestion(round))
  if (image) await deps.ctx.send(roomKey, { image })
}

/**
 * A plain message in a room with a game on: a right answer scores and moves the round on; anything else is
 * left alone, without a word (a group playing must not drown in "wrong!").
 */
export async function guess(deps: PlayDeps, msg: ChatMessage): Promise<boolean> {
  const roomKey = msg.room?.key
  if (!roomKey || msg.kind !== 'text') return false
  const round = deps.tables.rounds.get(roomKey)
  if (!round) return false
  const kind = kindOf(deps, round)
  const right = answer(kind, round, msg.sender, msg.text)
  if (!right) return false
  const now = deps.ctx.clock.nowMs()
  const next = moveOn(kind, right.round, right.answer, now)
  // The room's round changes before anything is awaited, so a second right answer delivered in the same
  // moment meets the next question: the first delivered wins.
  const said = deps.ctx.render('games/right.njk', {
    game: kind.id,
    winner: msg.sender.name,
    answer: right.answer,
    points: right.points,
  })
  const pointsAdded = deps.ctx.points.add(roomKey, msg.sender, right.points, `${kind.title}答对`)
  await continueOrFinish(deps, roomKey, kind, { ...right.round, id: round.id }, next, said)
  await pointsAdded
  return true
}

async function continueOrFinish(
  deps: PlayDeps,
  roomKey: string,
  kind: GameKind<unknown>,
  closed: StoredRound,
  next: Round<unknown> | undefined,
  said: string,
  ended = false,
): Promise<void> {
  if (!next) {
    void deps.tables.rounds.delete(roomKey)
    await deps.deadlines.cancel(roomKey)
    const rows = ranking(closed)
    await deps.ctx.send(
      roomKey,
      `${said}\n${deps.ctx.render('games/ranking.njk', { title: kind.title, rows, ended })}`,
    )
    return
  }
  const stored: StoredRound = { ...next, id: closed.id }
  void deps.tables.rounds.set(roomKey, stored)
  await deps.deadlines.arm(roomKey, new Date(stored.deadline), deadlineOf(roomKey, stored))
  await postQuestion(deps, roomKey, kind, stored, said)
}

/** The open question's time is up (or a leader skipped it): reveal its answer once and move on. */
export async function reveal(deps: PlayDeps, roomKey: string, how: 'timeout' | 'skipped'): Promise<void> {
  const round = deps.tables.rounds.get(roomKey)
  if (!round) return
  const kind = kindOf(deps, round)
  const shown = kind.reveal(currentQuestion(round), round.used)
  const next = moveOn(kind, round, shown, deps.ctx.clock.nowMs())
  const said = deps.ctx.render('games/revealed.njk', { game: kind.id, how, answer: shown })
  await continueOrFinish(deps, roomKey, kind, round, next, said)
}

/** A deadline fired: only the one of the question still open counts (a restart may bring an old one). */
export async function deadlinePassed(deps: PlayDeps, payload: DeadlinePayload): Promise<void> {
  const round = deps.tables.rounds.get(payload.roomKey)
  if (!round || round.id !== payload.roundId || round.index !== payload.index) return
  await reveal(deps, payload.roomKey, 'timeout')
}

function runningRound(deps: PlayDeps, call: CommandInvocation): StoredRound {
  const round = deps.tables.rounds.get(roomKeyOf(call))
  if (!round) throw new UserFacingError('games.no-game')
  return round
}

export async function hint(deps: PlayDeps, call: CommandInvocation): Promise<void> {
  const round = runningRound(deps, call)
  const kind = kindOf(deps, round)
  const hinted = takeHint(kind, round)
  if (!hinted) {
    await call.reply(deps.ctx.render('games/no-more-hints.njk'))
    return
  }
  void deps.tables.rounds.set(roomKeyOf(call), { ...hinted.round, id: round.id })
  await call.reply(
    deps.ctx.render('games/hint.njk', { text: hinted.hint.text, points: pointsNow(hinted.round) }),
  )
  if (hinted.hint.image) await call.reply({ image: hinted.hint.image })
}

export async function skip(deps: PlayDeps, call: CommandInvocation): Promise<void> {
  runningRound(deps, call)
  await reveal(deps, roomKeyOf(call), 'skipped')
}

export async function stop(deps: PlayDeps, call: CommandInvocation): Promise<void> {
  const round = runningRound(deps, call)
  const kind = kindOf(deps, round)
  const shown = kind.reveal(currentQuestion(round), round.used)
  const said = deps.ctx.render('games/revealed.njk', { game: kind.id, how: 'skipped', answer: shown })
  await continueOrFinish(deps, roomKeyOf(call), kind, round, undefined, said, true)
}
