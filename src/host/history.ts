import { type PlacedEntry, positionAfter } from '../store/log-entry.js'
import type { Recorder } from '../store/recorder.js'
import type { Clock } from '../time/clock.js'
import { localDate } from '../time/zoned.js'
import type { HistoryEntry, RoomHistory } from './types.js'

function historyEntry(entry: PlacedEntry): HistoryEntry {
  return {
    position: entry.position,
    id: entry.id,
    sender: { key: entry.senderKey, name: entry.senderName },
    text: entry.text,
    time: new Date(entry.time),
    kind: entry.kind,
    image: entry.image,
    mentions: entry.mentions ?? [],
    bot: entry.bot === true,
  }
}

/**
 * A room's log as plugins read it. Every read names one room and returns that room's lines only (the
 * recorder checks each line's room as well), so a plugin answering in a room cannot show another's words.
 */
export function roomHistory(recorder: Recorder, clock: Clock): RoomHistory {
  const dayOf = (date: Date) => localDate(date, clock.timeZone)
  const read = async (roomKey: string, fromDay: string, until: Date) =>
    (await recorder.readPlaced(roomKey, fromDay, dayOf(until))).map(historyEntry)
  return {
    async between(roomKey, since, until = clock.now()) {
      const entries = await read(roomKey, dayOf(since), until)
      return entries.filter((e) => e.time >= since && e.time <= until)
    },
    async after(roomKey, position, since) {
      // Days before both the position's and `since`'s hold nothing wanted.
      const sinceDay = dayOf(since)
      const positionDay = position?.split('#')[0]
      const fromDay = positionDay && positionDay > sinceDay ? positionDay : sinceDay
      const entries = await read(roomKey, fromDay, clock.now())
      return entries.filter((e) => e.time >= since && (!position || positionAfter(e.position, position)))
    },
  }
}
