import type { MemberRef } from '../../src/index.js'
import { escapeRegExp } from '../../src/text/trim.js'

/** One to-do of a room: for one day (dated), or every day (recurring). */
export interface Todo {
  roomKey: string
  /** short, per room: the smallest number free when it was added */
  id: number
  text: string
  assignee?: MemberRef
  /** HH:mm, the same day */
  due?: string
  /** the local day it belongs to; undefined for a recurring one */
  day?: string
  /** the local day it was last done on */
  doneOn?: string
  doneBy?: MemberRef
  createdBy: MemberRef
}

/** Whether a stored value is a to-do at all: a damaged state file must not break a room's list. */
export function isTodo(value: unknown): value is Todo {
  const t = value as Todo | undefined
  return typeof t?.roomKey === 'string' && typeof t.text === 'string' && Number.isInteger(t.id)
}

/** The smallest id not taken in the room: ids stay one or two digits, easy to type. */
export function freeId(todos: Todo[]): number {
  const taken = new Set(todos.map((t) => t.id))
  let id = 1
  while (taken.has(id)) id++
  return id
}

/** Today's to-dos of a room: the recurring ones and those dated today, recurring first, then by due time. */
export function todayList(todos: Todo[], today: string): Array<Todo & { done: boolean }> {
  return todos
    .filter((t) => t.day === undefined || t.day === today)
    .map((t) => ({ ...t, done: t.doneOn === today }))
    .sort(
      (a, b) =>
        Number(a.day !== undefined) - Number(b.day !== undefined) ||
        (a.due ?? '99:99').localeCompare(b.due ?? '99:99') ||
        a.id - b.id,
    )
}

/** What the night's clean-up does: dated to-dos of today or before go to the archive, the rest stay. */
export function cleanUp(todos: Todo[], today: string): { kept: Todo[]; archived: Todo[] } {
  const archived = todos.filter((t) => t.day !== undefined && t.day <= today)
  return { kept: todos.filter((t) => !archived.includes(t)), archived }
}

/**
 * Reads `/待办 添加` text: `[@NAME] [截止 HH:mm]` may come anywhere in it; what is left is the to-do. The
 * assignee comes from the real mention; `截止` takes `HH:mm` or `H点[半]`.
 */
export function readTodo(
  rest: string,
  mentions: MemberRef[],
): { text: string; due?: string; assignee?: MemberRef } {
  let text = rest
  let due: string | undefined
  const deadline = /(截止|截至|due)\s*(\d{1,2})[:：](\d{2})/iu.exec(text)
  if (deadline) {
    const h = Number(deadline[2])
    const m = Number(deadline[3])
    if (h <= 23 && m <= 59) due = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
    text = text.replace(deadline[0], ' ')
  }
  const assignee = mentions[0]
  if (assignee) text = text.replace(new RegExp(`[@＠]${escapeRegExp(assignee.name)}[\\s\\u2005]*`, 'u'), ' ')
  return { text: text.replace(/\s+/gu, ' ').trim(), due, assignee }
}
