import type { CommandInvocation, CommandSpec, PluginContext, Table } from '../../src/index.js'
import { roomOf, UserFacingError } from '../../src/index.js'
import { localDate, parseHourMinute } from '../../src/time/zoned.js'
import type { TodosConfig } from './config.js'
import { freeId, isTodo, readTodo, type Todo, todayList } from './todo-list.js'

export interface RoomTimes {
  cleanupAt: string
  morningAt: string
}

export interface TodoDeps {
  ctx: PluginContext
  config: TodosConfig
  todos: Table<Todo>
  times: Table<RoomTimes>
  /** puts the room's clean-up and morning post on the scheduler (again, when its times change) */
  arm(roomKey: string): void
}

const TEXT_MAX = 200

export const keyOf = (roomKey: string, id: number) => `${roomKey}#${id}`

export function timesOf(deps: TodoDeps, roomKey: string): RoomTimes {
  return deps.times.get(roomKey) ?? { cleanupAt: deps.config.cleanupAt, morningAt: deps.config.morningAt }
}

export function roomTodos(deps: TodoDeps, roomKey: string): Todo[] {
  return deps.todos.values().filter((t) => isTodo(t) && t.roomKey === roomKey)
}

const today = (deps: TodoDeps) => localDate(deps.ctx.clock.now(), deps.ctx.clock.timeZone)

function todoById(deps: TodoDeps, roomKey: string, typed: string | undefined): Todo {
  const id = Number((typed ?? '').replace(/^#/, ''))
  const todo = Number.isInteger(id) ? deps.todos.get(keyOf(roomKey, id)) : undefined
  if (!todo) throw new UserFacingError('todos.not-found', { id: typed ?? '' })
  return todo
}

export function todoCommand(deps: TodoDeps): CommandSpec {
  const { ctx } = deps
  return {
    name: 'todo',
    aliases: ['待办'],
    description: '本群今天的待办；组长添加、删除，晚上自动清理，早上发出当天的',
    usage: '/待办 · /待办 添加 内容 [@某人] [截止 HH:mm] · /待办 完成 编号 · /待办 每日 内容',
    example: '/待办 添加 提交周报 @小明 截止 18:00',
    scope: 'room',
    readOnly: true,
    subcommands: [
      {
        name: '添加',
        aliases: ['add', '加'],
        role: 'leader',
        usage: '/待办 添加 内容 [@某人] [截止 HH:mm]',
        description: '添加今天的一条待办',
        run: (call) => add(deps, call, false),
      },
      {
        name: '每日',
        aliases: ['daily', '每天'],
        role: 'leader',
        usage: '/待办 每日 内容',
        description: '添加每天都有的待办',
        run: (call) => add(deps, call, true),
      },
      {
        name: '完成',
        aliases: ['done', '做完'],
        roleLabel: '组长或被指派的人',
        usage: '/待办 完成 编号',
        description: '标记完成（组长，或这条指派给的人）',
        run: (call) => complete(deps, call),
      },
      {
        name: '删除',
        aliases: ['delete', '删'],
        role: 'leader',
        usage: '/待办 删除 编号',
        description: '删除一条待办',
        run: async (call) => {
          const roomKey = roomOf(call).key
          const todo = todoById(deps, roomKey, call.args[0])
          await deps.todos.delete(keyOf(roomKey, todo.id))
          await call.reply(ctx.render('todos/deleted.njk', { ...todo }))
        },
      },
      {
        name: '时间',
        aliases: ['times', '设置'],
        role: 'leader',
        usage: '/待办 时间 清理 22:30 早上 08:00',
        description: '本群晚上清理、早上发待办的时间',
        run: (call) => setTimes(deps, call),
      },
    ],
    run: async (call) => {
      if (call.args[0]) throw new UserFacingError('todos.unknown-sub', { word: call.args[0] })
      const roomKey = roomOf(call).key
      await call.reply(
        ctx.render('todos/list.njk', {
          todos: todayList(roomTodos(deps, roomKey), today(deps)),
          ...timesOf(deps, roomKey),
        }),
      )
    },
  }
}

async function add(deps: TodoDeps, call: CommandInvocation, recurring: boolean): Promise<void> {
  const roomKey = roomOf(call).key
  const read = readTodo(call.rest, call.mentions)
  if (read.text === '') throw new UserFacingError('todos.empty', { recurring })
  if (Array.from(read.text).length > TEXT_MAX) throw new UserFacingError('todos.too-long', { max: TEXT_MAX })
  if (/(截止|截至)/u.test(read.text)) throw new UserFacingError('todos.bad-due')
  const existing = roomTodos(deps, roomKey)
  if (existing.length >= deps.config.maxPerRoom)
    throw new UserFacingError('todos.too-many', { max: deps.config.maxPerRoom })
  const todo: Todo = {
    roomKey,
    id: freeId(existing),
    text: read.text,
    createdBy: call.msg.sender,
    ...(read.assignee ? { assignee: read.assignee } : {}),
    ...(read.due ? { due: read.due } : {}),
    ...(recurring ? {} : { day: today(deps) }),
  }
  await deps.todos.set(keyOf(roomKey, todo.id), todo)
  if (existing.length === 0) deps.arm(roomKey)
  await call.reply(deps.ctx.render('todos/added.njk', { ...todo, recurring, ...timesOf(deps, roomKey) }))
}

async function complete(deps: TodoDeps, call: CommandInvocation): Promise<void> {
  const roomKey = roomOf(call).key
  const todo = todoById(deps, roomKey, call.args[0])
  const mine = todo.assignee?.key === call.msg.sender.key
  if (call.role === 'member' && !mine)
    throw new UserFacingError('todos.not-yours', { ...todo, sender: call.msg.sender.name })
  const day = today(deps)
  if (todo.doneOn === day) throw new UserFacingError('todos.already-done', { ...todo })
  await deps.todos.set(keyOf(roomKey, todo.id), { ...todo, doneOn: day, doneBy: call.msg.sender })
  const left = todayList(roomTodos(deps, roomKey), day).filter((t) => !t.done).length
  await call.reply(deps.ctx.render('todos/done.njk', { ...todo, by: call.msg.sender.name, left }))
}

/** `/待办 时间 清理 22:30 早上 08:00`, either half alone too. */
async function setTimes(deps: TodoDeps, call: CommandInvocation): Promise<void> {
  const roomKey = roomOf(call).key
  const current = timesOf(deps, roomKey)
  const next = { ...current }
  const words = call.args
  // Asked without times, a leader wants to see them.
  if (words.length === 0) {
    await call.reply(deps.ctx.render('todos/times-show.njk', { ...current }))
    return
  }
  let understood = words.length > 0 && words.length % 2 === 0
  for (let i = 0; understood && i < words.length; i += 2) {
    const minutes = parseHourMinute(words[i + 1] ?? '')
    const slot =
      minutes === undefined
        ? undefined
        : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
    if (!slot) understood = false
    else if (/^(清理|晚上|cleanup)$/u.test(words[i] ?? '')) next.cleanupAt = slot
    else if (/^(早上|早晨|上午|morning)$/u.test(words[i] ?? '')) next.morningAt = slot
    else understood = false
  }
  if (!understood) throw new UserFacingError('todos.bad-times', { ...current })
  await deps.times.set(roomKey, next)
  deps.arm(roomKey)
  await call.reply(deps.ctx.render('todos/times-set.njk', next))
}
