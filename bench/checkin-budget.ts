import { rollupParts, type Waiting } from '../plugins/checkin/roll-up.js'
import { type SendPlan, sendPlan } from '../plugins/checkin/send-plan.js'

/**
 * `npm run bench:checkin`: a check-in day for 20, 50 and 200 rooms of 500 members, 30 % of whom check in each
 * day, under the default daily cap (300) and check-in's default share (0.7). The clock is moved event by event
 * (check-ins, roll-up timers, the 21:00 reminder, the 22:20 closing roll-up), never slept on.
 *
 * It runs the plugin's own plan (`sendPlan`) and roll-up splitting (`rollupParts`) and follows the plugin's
 * rules for what is answered, what waits and when it is posted, rather than the whole bot: 100,000 members
 * through the mock puppet would take longer than the figure is worth. The clock-driven tests in
 * `plugins/checkin/test/budget.test.ts` check the same rules through the real bot.
 */
const CAP = 300
const SHARE = 0.7
const MEMBERS = 500
const RATE = 0.3
const MENTION_CAP = 10
const INSTANT = 3
const ROLLUP_MINUTES = 10
const DAYS = 3
const REMIND_AT = 21 * 60
const CLOSING_AT = 22 * 60 + 20

let seed = 42
function random(): number {
  // mulberry32: the same day every run
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** When members check in (minutes of the day): most through the day, a wave after the 21:00 reminder. */
function checkinMinute(): number {
  return random() < 0.8 ? 7 * 60 + random() * (REMIND_AT - 7 * 60) : REMIND_AT + random() * 60
}

interface Room {
  waiting: Waiting[]
  answered: number
  rollups: number
  sent: number
  rollupDue?: number
  streaks: number[]
  tiers: number[]
}

interface DayFigures {
  sends: number
  checkins: number
  /** check-ins of the day still waiting when it ends (named at the top of the next day's first message) */
  carried: number
}

type SingleMessage = 'digest' | 'reminder'

function planFor(rooms: number, singleMessage: SingleMessage): SendPlan {
  return sendPlan({
    dailyCap: CAP,
    share: SHARE,
    rooms,
    members: MEMBERS,
    mentionBatches: Math.ceil(MEMBERS / MENTION_CAP),
    instantReplies: INSTANT,
    rollupMinutes: ROLLUP_MINUTES,
    singleMessage,
  })
}

function simulate(
  rooms: number,
  live: boolean,
  singleMessage: SingleMessage = 'digest',
): { days: DayFigures[]; lost: number } {
  const plan: SendPlan = live
    ? sendPlan({
        dailyCap: 0,
        share: SHARE,
        rooms,
        members: MEMBERS,
        mentionBatches: 50,
        instantReplies: INSTANT,
        rollupMinutes: ROLLUP_MINUTES,
      })
    : planFor(rooms, singleMessage)
  const state: Room[] = Array.from({ length: rooms }, () => ({
    waiting: [],
    answered: 0,
    rollups: 0,
    sent: 0,
    streaks: Array.from({ length: MEMBERS }, () => 0),
    tiers: Array.from({ length: MEMBERS }, () => Math.floor(random() * 4)),
  }))
  const figures: DayFigures[] = []
  for (let d = 0; d < DAYS; d++) {
    const day = `2026-12-${String(4 + d).padStart(2, '0')}`
    const events: Array<{
      at: number
      room: number
      kind: 'checkin' | 'remind' | 'closing'
      member?: number
    }> = []
    for (let r = 0; r < rooms; r++) {
      Object.assign(state[r] as Room, { answered: 0, rollups: 0, sent: 0 })
      const done = new Set<number>()
      while (done.size < MEMBERS * RATE) done.add(Math.floor(random() * MEMBERS))
      for (const member of done) events.push({ at: checkinMinute(), room: r, kind: 'checkin', member })
      events.push({ at: REMIND_AT, room: r, kind: 'remind' }, { at: CLOSING_AT, room: r, kind: 'closing' })
    }
    events.sort((a, b) => a.at - b.at)
    let sends = 0
    const checkedIn = Array.from({ length: rooms }, () => new Set<number>())
    const send = (room: Room, n: number) => {
      room.sent += n
      sends += n
    }
    const flush = (room: Room, laggards?: number) => {
      const parts = rollupParts(room.waiting, day).length
      const n = parts + (laggards && parts === 0 ? 1 : 0)
      room.waiting = []
      room.rollupDue = undefined
      send(room, n)
    }
    const dueRollups = (until: number) => {
      for (const room of state) {
        if (room.rollupDue !== undefined && room.rollupDue <= until && room.rollups < plan.rollups) {
          room.rollups++
          flush(room)
        }
      }
    }
    for (const event of events) {
      // The moved clock fires every roll-up timer due on the way to the next event.
      dueRollups(event.at)
      const room = state[event.room] as Room
      if (event.kind === 'checkin') {
        const member = event.member as number
        checkedIn[event.room]?.add(member)
        room.streaks[member] = (room.streaks[member] ?? 0) + 1
        if (room.answered < plan.instantReplies) {
          room.answered++
          send(room, 1)
          continue
        }
        const firstToday = room.waiting.every((w) => w.day !== day)
        room.waiting.push({ name: `成员${member}`, streak: room.streaks[member] ?? 1, day })
        if (firstToday && room.rollups < plan.rollups) room.rollupDue = event.at + plan.rollupMinutes
      } else if (event.kind === 'remind') {
        const laggards = [...Array(MEMBERS).keys()].filter((m) => !checkedIn[event.room]?.has(m))
        if (plan.reminder === 'none') continue
        if (plan.reminder === 'count') flush(room, laggards.length)
        else {
          for (let tier = 0; tier < 4; tier++) {
            send(room, Math.ceil(laggards.filter((m) => room.tiers[m] === tier).length / MENTION_CAP))
          }
        }
      } else if (plan.mode === 'live' || plan.closing || room.sent === 0) {
        if (room.waiting.length > 0) flush(room)
      }
    }
    dueRollups(24 * 60)
    const carried = state.reduce((sum, room) => sum + room.waiting.filter((w) => w.day === day).length, 0)
    figures.push({ sends, checkins: Math.round(rooms * MEMBERS * RATE), carried })
    for (let r = 0; r < rooms; r++) {
      const room = state[r] as Room
      for (let m = 0; m < MEMBERS; m++) if (!checkedIn[r]?.has(m)) room.streaks[m] = 0
    }
  }
  // Named at the latest by the room's next message: nothing from a day before the last still waits.
  const lastDay = `2026-12-${String(3 + DAYS).padStart(2, '0')}`
  const lost = state.reduce(
    (sum, room) => sum + room.waiting.filter((w) => (w.day ?? '') < lastDay).length,
    0,
  )
  return { days: figures, lost }
}

const rows: string[] = []
const pad = (text: string | number, width: number) => String(text).padStart(width)
rows.push(
  `${pad('rooms', 5)} ${pad('plan', 52)} ${pad('sends/day', 10)} ${pad('cap', 5)} ${pad('check-ins', 10)} ${pad('not named by day end', 21)} ${pad('never named', 12)} ${pad('as before', 10)}`,
)
const runs: Array<[number, SingleMessage]> = [
  [20, 'digest'],
  [50, 'digest'],
  [200, 'digest'],
  [200, 'reminder'],
]
for (const [rooms, singleMessage] of runs) {
  const plan = planFor(rooms, singleMessage)
  const { days, lost } = simulate(rooms, false, singleMessage)
  // The second day: the first day's late check-ins are named in it, as on every day after.
  const steady = days[1] as DayFigures
  const before = simulate(rooms, true).days[1] as DayFigures
  const reminder = plan.reminder === 'none' ? 'no reminder' : `${plan.reminder} reminder`
  const described = `${plan.instantReplies} at once, ${plan.rollups} roll-ups, ${reminder}, ${plan.closing ? 'closing' : 'no closing'}`
  rows.push(
    `${pad(rooms, 5)} ${pad(described, 52)} ${pad(steady.sends, 10)} ${pad(CAP, 5)} ${pad(steady.checkins, 10)} ${pad(steady.carried, 21)} ${pad(lost, 12)} ${pad(before.sends, 10)}`,
  )
}
console.log(rows.join('\n'))
console.log(
  `\n${MEMBERS} members a room, ${RATE * 100} % check in a day (80 % between 07:00 and 21:00, 20 % in the hour after the reminder);` +
    ` check-in's share ${SHARE} of the cap. "as before": the same day answered as before the plan (3 at once, roll-ups every 10 min, @-mention reminders).` +
    `\n"not named by day end": check-ins after the last message the room could afford that day; each is named at the top of the room's next message (the next day's digest), none is lost.` +
    `\nThe last row is 200 rooms with \`singleMessage: reminder\`: the one message a room can afford goes at the reminder time instead of the day's close.` +
    ` A check-in after 22:20 (none in this model: members check in between 07:00 and 22:00) is named in the next day's digest.`,
)
