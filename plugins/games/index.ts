import { definePlugin } from '../../src/index.js'
import { describeProblem } from '../../src/packs/load.js'
import { gameCommand, roundCommands, settingsCommand } from './commands.js'
import { gamesConfig } from './config.js'
import { type GameContent, loadContent } from './content.js'
import type { GameKind } from './engine.js'
import { idiomChain } from './idiom-chain.js'
import { pictureGame } from './pictures.js'
import { type DeadlinePayload, deadlinePassed, guess, type PlayDeps, type StoredRound } from './play.js'
import { riddleGame } from './riddles.js'
import type { DailyCount, RoomSettings } from './room-settings.js'

/**
 * 游戏: riddles, picture puzzles and 成语接龙 in the group, one round at a time per room, on one engine; right answers score on
 * the room's points ledger. Time limits are one-shot timers on the bot's clock.
 */
export default definePlugin({
  name: 'games',
  displayName: '游戏',
  description: '猜谜、看图猜成语、成语接龙，答对得积分',
  config: gamesConfig,
  setup(ctx, config) {
    let content: GameContent = loadContent(ctx)
    const kinds = new Map<string, GameKind<unknown>>()
    const games = [
      riddleGame(() => content.riddles),
      pictureGame(() => content.pictures),
      idiomChain(() => content.idioms),
    ]
    for (const kind of games) {
      kinds.set(kind.id, kind as GameKind<unknown>)
    }
    const deps: PlayDeps = {
      ctx,
      defaults: {
        points: config.points,
        hintCost: config.hintCost,
        settings: {
          dailyRounds: config.dailyRounds,
          timeLimitSeconds: config.timeLimitSeconds,
          samePinyin: config.samePinyin,
        },
      },
      tables: {
        rounds: ctx.store.table<StoredRound>('rounds'),
        settings: ctx.store.table<Partial<RoomSettings>>('settings'),
        daily: ctx.store.table<DailyCount>('daily'),
        recent: ctx.store.table<string[]>('recent'),
      },
      kinds,
      deadlines: {
        arm: (roomKey, due, payload) => ctx.schedule.at('deadline', `deadline:${roomKey}`, due, payload),
        cancel: (roomKey) => ctx.schedule.cancel(`deadline:${roomKey}`),
      },
      random: Math.random,
    }
    ctx.schedule.timer('deadline', (payload) => deadlinePassed(deps, payload as DeadlinePayload))
    for (const kind of kinds.values()) ctx.command(gameCommand(deps, kind))
    for (const command of roundCommands(deps)) ctx.command(command)
    ctx.command(
      settingsCommand(deps, async () => {
        content = loadContent(ctx)
        return {
          riddles: content.riddles.length,
          pictures: content.pictures.length,
          idioms: content.idioms.size,
          problems: content.problems.map(describeProblem),
        }
      }),
    )
    // Early: a right answer is the game's before any other plugin reads the message as chat.
    ctx.listen({
      name: 'answer',
      order: 10,
      // Only a room with a round open has anything to answer.
      when: (msg) => msg.room !== undefined && deps.tables.rounds.has(msg.room.key),
      run: (msg) => guess(deps, msg),
    })
  },
})
