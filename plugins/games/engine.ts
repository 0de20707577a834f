/**
 * The one game engine: question → hints → answer check → scoring → timeout → ranking. Pure functions over a
 * JSON-serialisable Round, so a round in progress is stored as it is and resumes after a restart; the plugin
 * only wires these to commands, listeners, timers and the points ledger.
 */

/** A room's game settings, fixed for a round when it starts. */
export interface RoundSettings {
  timeLimitSeconds: number
  /** points for a right answer before any hint */
  points: number
  /** points taken off for each hint used on the question */
  hintCost: number
  samePinyin: boolean
}

/** What a hint shows: words, a picture, or both. */
export interface Hint {
  text?: string
  image?: string
}

/** What a game is; a new game is one object of this shape (see README). */
export interface GameKind<Q> {
  id: string
  /** the game's name as members read it: 猜谜 */
  title: string
  /** the command that starts a round (`/猜谜 [N]`) */
  command: { name: string; aliases: string[]; description: string; defaultCount: number }
  /** Questions for a new round (fewer when the pack is short; none when it is empty), avoiding `recent` ids. */
  plan(count: number, random: () => number, recent: ReadonlySet<string>): Q[]
  /** a question's stable id, so a room does not meet the same one again soon */
  idOf(question: Q): string
  /** what the question template shows of it */
  view(question: Q): Record<string, unknown>
  /** a picture sent after the question's words */
  image?(question: Q): string | undefined
  /**
   * The answer a guess stands for, or undefined when it is not a right answer. `used` holds the answers given
   * earlier in the round (the chain refuses repeats).
   */
  check(
    question: Q,
    guess: string,
    options: { samePinyin: boolean; used: readonly string[] },
  ): string | undefined
  /** the answer revealed when time runs out or a leader skips */
  reveal(question: Q, used: readonly string[]): string
  hints(question: Q, used: readonly string[]): Hint[]
  /**
   * For games whose next question grows out of the last answer (成语接龙); others plan the round up front.
   * Undefined ends the round: nothing is left to continue with.
   */
  follow?(question: Q, answer: string): Q | undefined
}

export interface Score {
  name: string
  points: number
  right: number
}

export interface Round<Q> {
  game: string
  total: number
  /** 0-based index of the open question */
  index: number
  questions: Q[]
  hintsUsed: number
  deadline: number
  used: string[]
  scores: Record<string, Score>
  settings: RoundSettings
}

export interface Player {
  key: string
  name: string
}

export function startRound<Q>(
  kind: GameKind<Q>,
  questions: Q[],
  total: number,
  settings: RoundSettings,
  nowMs: number,
): Round<Q> {
  return {
    game: kind.id,
    total: kind.follow ? total : Math.min(total, questions.length),
    index: 0,
    questions,
    hintsUsed: 0,
    deadline: nowMs + settings.timeLimitSeconds * 1000,
    used: [],
    scores: {},
    settings,
  }
}

export function currentQuestion<Q>(round: Round<Q>): Q {
  const question = round.questions[round.index]
  if (question === undefined) throw new Error(`round of ${round.game} has no question ${round.index}`)
  return question
}

/** Points a right answer is worth now: hints cost, but a right answer always earns something. */
export function pointsNow(round: Round<unknown>): number {
  const { points, hintCost } = round.settings
  return Math.max(1, points - round.hintsUsed * hintCost)
}

export interface RightAnswer<Q> {
  round: Round<Q>
  answer: string
  points: number
}

/** A guess from a member: the scored answer, or undefined (a wrong guess changes nothing and gets no reply). */
export function answer<Q>(
  kind: GameKind<Q>,
  round: Round<Q>,
  player: Player,
  guess: string,
): RightAnswer<Q> | undefined {
  const found = kind.check(currentQuestion(round), guess, {
    samePinyin: round.settings.samePinyin,
    used: round.used,
  })
  if (found === undefined) return undefined
  const points = pointsNow(round)
  const before = round.scores[player.key]
  const score = { name: player.name, points: (before?.points ?? 0) + points, right: (before?.right ?? 0) + 1 }
  return { round: { ...round, scores: { ...round.scores, [player.key]: score } }, answer: found, points }
}

/** The next hint of the open question, or undefined when every hint is out. */
export function takeHint<Q>(kind: GameKind<Q>, round: Round<Q>): { round: Round<Q>; hint: Hint } | undefined {
  const hint = kind.hints(currentQuestion(round), round.used)[round.hintsUsed]
  if (!hint) return undefined
  return { round: { ...round, hintsUsed: round.hintsUsed + 1 }, hint }
}

/**
 * Closes the open question with its answer (given by a member, or revealed) and opens the next one, or
 * returns undefined for the round when that was the last question.
 */
export function moveOn<Q>(
  kind: GameKind<Q>,
  round: Round<Q>,
  answerGiven: string,
  nowMs: number,
): Round<Q> | undefined {
  const used = [...round.used, answerGiven]
  let questions = round.questions
  if (kind.follow) {
    const next = kind.follow(currentQuestion(round), answerGiven)
    if (next === undefined) return undefined
    questions = [...questions, next]
  }
  const index = round.index + 1
  if (index >= round.total || index >= questions.length) return undefined
  return {
    ...round,
    index,
    questions,
    hintsUsed: 0,
    used,
    deadline: nowMs + round.settings.timeLimitSeconds * 1000,
  }
}

export interface RankRow extends Score {
  key: string
  place: number
}

/** The round's ranking: most points first, then most right answers, then name, so ties read the same every time. */
export function ranking(round: Round<unknown>): RankRow[] {
  const rows = Object.entries(round.scores)
    .map(([key, score]) => ({ key, ...score }))
    .sort((a, b) => b.points - a.points || b.right - a.right || a.name.localeCompare(b.name, 'zh'))
  let place = 0
  return rows.map((row, i) => {
    const previous = rows[i - 1]
    if (!previous || previous.points !== row.points) place = i + 1
    return { ...row, place }
  })
}

/** `count` items drawn at random, those whose id is not in `recent` first. */
export function pickFresh<T>(
  pool: readonly T[],
  count: number,
  random: () => number,
  idOf: (item: T) => string,
  recent: ReadonlySet<string>,
): T[] {
  const fresh = shuffled(
    pool.filter((item) => !recent.has(idOf(item))),
    random,
  )
  const seen = shuffled(
    pool.filter((item) => recent.has(idOf(item))),
    random,
  )
  return [...fresh, ...seen].slice(0, count)
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
