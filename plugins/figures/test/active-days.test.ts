import { describe, expect, it } from 'vitest'
import type { HistoryEntry, RoomHistory } from '../../../src/index.js'
import { localDate } from '../../../src/time/zoned.js'
import { ActiveDays } from '../active-days.js'

const zone = 'Asia/Shanghai'
const HOUR = 3_600_000

/** A room log in memory: who said something when; records every read. */
function logOf(said: Array<[string, Date]>) {
  const reads: Array<{ since: Date; until: Date }> = []
  const history: RoomHistory = {
    async between(_room, since, until = new Date()) {
      reads.push({ since, until })
      return said
        .filter(([, time]) => time >= since && time <= until)
        .map(([sender, time], i): HistoryEntry => {
          const day = localDate(time, zone)
          return {
            position: `${day}#${i + 1}`,
            id: String(i),
            sender: { key: sender, name: sender },
            text: '你好',
            time,
            kind: 'text',
            mentions: [],
            bot: sender === 'bot',
          }
        })
    },
    async after() {
      return []
    },
  }
  return { history, reads, said }
}

/** The same figures read the slow way: every message of the window's whole days each time. */
function direct(said: Array<[string, Date]>, now: Date): Map<string, Set<string>> {
  const days = new Map<string, Set<string>>()
  const firstDay = localDate(new Date(now.getTime() - 60 * 24 * HOUR), zone)
  for (const [sender, time] of said) {
    if (sender === 'bot' || localDate(time, zone) < firstDay || time > now) continue
    days.set(sender, (days.get(sender) ?? new Set()).add(localDate(time, zone)))
  }
  return days
}

describe('active days', () => {
  it('reads closed days once and today afresh, with the same answer as reading everything', async () => {
    const start = new Date('2026-10-01T10:00:00+08:00')
    const said: Array<[string, Date]> = []
    for (let d = 0; d < 70; d++) {
      said.push(
        [`m${d % 7}`, new Date(start.getTime() + d * 24 * HOUR)],
        ['bot', new Date(start.getTime() + d * 24 * HOUR)],
      )
    }
    const log = logOf(said)
    const active = new ActiveDays(log.history, zone)
    let now = new Date(start.getTime() + 69 * 24 * HOUR + 2 * HOUR)
    expect(await active.of('room', now)).toEqual(direct(said, now))
    expect(log.reads[0]?.since).toEqual(new Date('2026-10-10T00:00:00+08:00'))
    // Later the same day: a new message, and only today is read.
    said.push(['newcomer', new Date(now.getTime() + HOUR)])
    now = new Date(now.getTime() + 2 * HOUR)
    expect(await active.of('room', now)).toEqual(direct(said, now))
    expect(log.reads[1]?.since).toEqual(new Date('2026-12-09T00:00:00+08:00'))
    // The next day: yesterday (now closed) and today.
    now = new Date(now.getTime() + 24 * HOUR)
    said.push(['m3', new Date(now.getTime() - HOUR)])
    expect(await active.of('room', now)).toEqual(direct(said, now))
    expect(log.reads[2]?.since).toEqual(new Date('2026-12-09T00:00:00+08:00'))
    expect(log.reads).toHaveLength(3)
  })
})
