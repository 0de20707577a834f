import { definePlugin, SOURCES, type TodosTimetable } from '../../src/index.js'
import { nextDaily } from '../../src/scheduler/slots.js'
import { localDate } from '../../src/time/zoned.js'
import { keyOf, type RoomTimes, roomTodos, type TodoDeps, timesOf, todoCommand } from './commands.js'
import { todosConfig } from './config.js'
import { cleanUp, isTodo, type Todo, todayList } from './todo-list.js'

/** A stable pick for a room and a day: the same opening line all day, a different one from room to room. */
function pick<T>(items: T[], seed: string): T {
  let hash = 0
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return items[hash % items.length] as T
}

/**
 * 待办: a room's to-dos for the day and every day. Every night at the room's clean-up time the day's dated ones
 * are cleared (kept in the archive); every morning today's are posted in one message, or nothing when there are
 * none. Both jobs catch up once after downtime, never twice, and post as scheduled posts (quiet hours, pacing).
 */
export default definePlugin({
  name: 'todos',
  displayName: '待办',
  description: '群待办：晚上自动清理，早上发出当天的',
  config: todosConfig,
  setup(ctx, config) {
    const todos = ctx.store.table<Todo>('todos')
    const archive = ctx.store.table<Todo[]>('archive')
    const today = () => localDate(ctx.clock.now(), ctx.clock.timeZone)
    const deps: TodoDeps = {
      ctx,
      config,
      todos,
      times: ctx.store.table<RoomTimes>('times'),
      arm(roomKey) {
        const times = timesOf(deps, roomKey)
        ctx.schedule.daily(`cleanup:${roomKey}`, times.cleanupAt, () => cleanUpRoom(roomKey), {
          room: roomKey,
          catchUp: 'once',
        })
        ctx.schedule.daily(`morning:${roomKey}`, times.morningAt, () => postMorning(roomKey), {
          room: roomKey,
          catchUp: 'once',
        })
      },
    }
    async function cleanUpRoom(roomKey: string): Promise<void> {
      const day = today()
      const { archived } = cleanUp(roomTodos(deps, roomKey), day)
      if (archived.length === 0) return
      await archive.update(`${roomKey}#${day}`, (kept) => [...(kept ?? []), ...archived])
      for (const todo of archived) await todos.delete(keyOf(roomKey, todo.id))
    }
    async function postMorning(roomKey: string): Promise<void> {
      const day = today()
      const list = todayList(roomTodos(deps, roomKey), day)
      if (list.length === 0) return
      // A morning post to many rooms must not read as one text blasted to all: the opening line varies.
      const openers = ctx
        .render('todos/openers.njk')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
      const assignees = [
        ...new Map(list.flatMap((t) => (t.assignee ? [[t.assignee.key, t.assignee]] : []))).values(),
      ]
      const text = ctx.render('todos/morning.njk', { opener: pick(openers, `${roomKey}${day}`), todos: list })
      await ctx.send(roomKey, assignees.length > 0 ? { text, mentions: assignees } : text)
    }
    // A damaged record is reported with its key and left alone (kept, but out of every list); the others work.
    for (const [key, todo] of todos.entries()) {
      if (!isTodo(todo)) ctx.logger.warn({ record: key }, 'to-do skipped: damaged record')
    }
    const rooms = new Set([
      ...todos
        .values()
        .filter(isTodo)
        .map((t) => t.roomKey),
      ...deps.times.entries().map(([room]) => room),
    ])
    for (const room of rooms) deps.arm(room)
    ctx.provide<TodosTimetable>(SOURCES.todos, {
      of(roomKey) {
        const times = timesOf(deps, roomKey)
        const now = ctx.clock.now()
        return {
          ...times,
          nextCleanup: nextDaily(times.cleanupAt, ctx.clock.timeZone, now),
          nextMorning: nextDaily(times.morningAt, ctx.clock.timeZone, now),
          today: todayList(roomTodos(deps, roomKey), today()).map((t) => ({
            id: t.id,
            text: t.text,
            due: t.due,
            assignee: t.assignee?.name,
            done: t.done,
            daily: t.day === undefined,
          })),
        }
      },
    })
    ctx.command(todoCommand(deps))
  },
})
