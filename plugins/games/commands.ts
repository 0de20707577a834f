import type { CommandInvocation, CommandSpec } from '../../src/index.js'
import { UserFacingError } from '../../src/index.js'
import { localDate } from '../../src/time/zoned.js'
import type { GameKind } from './engine.js'
import { hint, type PlayDeps, settingsOf, skip, startGame, stop } from './play.js'
import { parseSettingChange, roundsToday } from './room-settings.js'

/** `/猜谜 [N]` and its kind: one command per game, all through the same engine. */
export function gameCommand(deps: PlayDeps, kind: GameKind<unknown>): CommandSpec {
  const word = kind.command.aliases[0] ?? kind.command.name
  return {
    name: kind.command.name,
    aliases: kind.command.aliases,
    description: kind.command.description,
    usage: `/${word} [题数]`,
    example: `/${word} 3`,
    scope: 'room',
    run: (call) => startGame(deps, kind, call),
  }
}

/** What players and leaders use while a round runs. */
export function roundCommands(deps: PlayDeps): CommandSpec[] {
  return [
    {
      name: 'hint',
      aliases: ['提示'],
      description: '给当前的题一个提示（答对少拿几分）',
      scope: 'room',
      run: (call) => hint(deps, call),
    },
    {
      name: 'skip',
      aliases: ['跳过'],
      description: '跳过当前的题，公布答案',
      role: 'leader',
      scope: 'room',
      run: (call) => skip(deps, call),
    },
    {
      name: 'stop',
      aliases: ['结束', '结束游戏'],
      description: '提前结束这一轮游戏，公布排名',
      role: 'leader',
      scope: 'room',
      run: (call) => stop(deps, call),
    },
  ]
}

export interface PackCounts {
  riddles: number
  pictures: number
  idioms: number
  problems: string[]
}

/** `/游戏`: the room's settings; `/游戏 设置 …` and `/游戏 重载` for leaders. */
export function settingsCommand(deps: PlayDeps, reload: () => Promise<PackCounts>): CommandSpec {
  return {
    name: 'games',
    aliases: ['游戏'],
    description: '看本群的游戏设置',
    usage: '/游戏 · /游戏 设置 每日|时限|同音 值 · /游戏 重载',
    example: '/游戏 设置 时限 90',
    scope: 'room',
    readOnly: true,
    subcommands: [
      {
        name: '设置',
        aliases: ['set', '设定'],
        role: 'leader',
        usage: '/游戏 设置 每日 5 · /游戏 设置 时限 90 · /游戏 设置 同音 开',
        description: '调整本群的每日轮数、每题时限、接龙同音',
        run: (call) => changeSetting(deps, call),
      },
      {
        name: '重载',
        aliases: ['reload', '重新加载'],
        role: 'leader',
        description: '重新加载题库（新放进 data/packs/ 的文件）',
        run: async (call) => {
          const counts = await reload()
          const shown = counts.problems.slice(0, 5)
          await call.reply(
            deps.ctx.render('games/reloaded.njk', { ...counts, problems: counts.problems.length, shown }),
          )
        },
      },
    ],
    run: (call) => showSettings(deps, call),
  }
}

function roomKeyOf(call: CommandInvocation): string {
  if (!call.msg.room) throw new Error('game command outside a room')
  return call.msg.room.key
}

async function showSettings(deps: PlayDeps, call: CommandInvocation): Promise<void> {
  if (call.args[0] !== undefined) throw new UserFacingError('games.unknown-sub', { word: call.args[0] })
  const roomKey = roomKeyOf(call)
  const today = localDate(deps.ctx.clock.now(), deps.ctx.clock.timeZone)
  await call.reply(
    deps.ctx.render('games/settings-show.njk', {
      ...settingsOf(deps, roomKey),
      today: roundsToday(deps.tables.daily.get(roomKey), today),
    }),
  )
}

async function changeSetting(deps: PlayDeps, call: CommandInvocation): Promise<void> {
  const roomKey = roomKeyOf(call)
  const change = parseSettingChange(call.args[0] ?? '', call.args[1])
  if (!change.ok) throw new UserFacingError('games.bad-setting', change)
  await deps.tables.settings.update(roomKey, (current) => ({ ...current, [change.key]: change.value }))
  await call.reply(
    deps.ctx.render('games/settings-saved.njk', {
      key: change.key,
      value: change.value,
      running: deps.tables.rounds.has(roomKey),
    }),
  )
}
