/**
 * The framework's public surface: plugins import from here and nothing else of the core.
 *
 * @example
 * import { definePlugin } from '../../src/index.js'
 * export default definePlugin({
 *   name: 'ping',
 *   displayName: '测试',
 *   setup(ctx) {
 *     ctx.command({ name: 'ping', aliases: ['在吗'], description: '看看机器人在不在', scope: 'any', readOnly: true,
 *       run: ({ reply }) => reply(ctx.render('ping/pong.njk')) })
 *   },
 * })
 */
import type { z } from 'zod'
import type { PluginDefinition } from './host/types.js'

export { roomOf } from './commands/room-of.js'
export {
  type CheckinTimetable,
  type FiguresSource,
  type HighlightEntry,
  type HighlightsDesk,
  type NoticesTimetable,
  type ReviewOutcome,
  type RoomFigures,
  SOURCES,
  type TodosTimetable,
} from './console/sources.js'
export { UserFacingError } from './errors.js'
export type {
  ChatMessage,
  CommandInvocation,
  CommandSpec,
  HistoryEntry,
  ListenerSpec,
  MemberRef,
  PluginContext,
  PluginDefinition,
  PluginSchedule,
  PluginStore,
  PointsLedger,
  Role,
  RoomEvent,
  RoomHistory,
  RoomsApi,
  Sendable,
  SendOptions,
  SubcommandSpec,
} from './host/types.js'
export type { LlmClient, LlmCompletion, LlmMessage } from './llm/types.js'
export type { PackProblem } from './packs/load.js'
/** Whether one room-log position (`HistoryEntry.position`) comes after another. */
export { positionAfter } from './store/log-entry.js'
export type { PluginFiles } from './store/plugin-files.js'
export type { Table } from './store/state-store.js'

/**
 * Declares a plugin. `setup` wires commands, listeners and schedules through `ctx`; decisions belong in
 * pure functions next to it. The config schema validates the plugin's section of `config.yaml`.
 */
export function definePlugin<S extends z.ZodType>(definition: PluginDefinition<S>): PluginDefinition<S> {
  return definition
}
