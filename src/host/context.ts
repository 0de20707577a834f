import { join } from 'node:path'
import type { CommandRegistry } from '../commands/registry.js'
import type { LlmClient } from '../llm/types.js'
import type { Logger } from '../logger.js'
import { mentionBatches } from '../outbox/mentions.js'
import { loadPacksFrom } from '../packs/load.js'
import type { Ledger } from '../points/ledger.js'
import type { Scheduler } from '../scheduler/index.js'
import type { JobHandler } from '../scheduler/types.js'
import { DiskPluginFiles, MemoryPluginFiles, type PluginFiles } from '../store/plugin-files.js'
import type { StateStore } from '../store/state-store.js'
import type { TemplateRenderer } from '../templates/renderer.js'
import type { Clock } from '../time/clock.js'
import type { LoadedPlugin, PluginHost } from './plugin-host.js'
import { asScheduledWork } from './scheduled-work.js'
import type {
  PluginContext,
  PluginDefinition,
  PointsLedger,
  RoomHistory,
  RoomsApi,
  Sendable,
  SendOptions,
} from './types.js'

/** How plugins' words reach the IM; implemented over the outbox. */
export interface Messenger {
  toRoom(roomKey: string, content: Sendable, options?: SendOptions): Promise<void>
  toMember(memberKey: string, content: Sendable, options?: SendOptions): Promise<void>
  setNotice(roomKey: string, text: string, options?: SendOptions): Promise<void>
  readonly mentionCap: number
  /** sends a day for the whole account, as configured; 0: no cap */
  readonly dailyCap: number
}

export interface ContextServices {
  botName: string
  clock: Clock
  logger: Logger
  stateStore: StateStore
  scheduler: Scheduler
  registry: CommandRegistry
  renderer: TemplateRenderer
  messenger: Messenger
  rooms: RoomsApi
  points: Ledger
  /** folders holding content packs, shipped ones first */
  packDirs: string[]
  history: RoomHistory
  /** the bot's data folder; null keeps plugins' files in memory */
  dataDir: string | null
  llm: LlmClient | undefined
  host: PluginHost
}

/** Builds the context a plugin sees; every registration is recorded on `loaded` so unloading undoes it. */
export async function createContext(
  definition: PluginDefinition,
  loaded: LoadedPlugin,
  s: ContextServices,
): Promise<PluginContext> {
  const name = definition.name
  const file = await s.stateStore.open(name, definition.state)
  const jobId = (id: string) => (id.startsWith(`${name}.`) ? id : `${name}.${id}`)
  // One place for every plugin: a job of a room where the plugin is switched off does not run there, and
  // whatever a job sends is a scheduled post.
  const scheduledHandler =
    (handler: JobHandler, room: string | undefined): JobHandler =>
    (run) => {
      if (room !== undefined && !s.host.isEnabled(name, room)) return
      return asScheduledWork(() => handler(run))
    }
  if (definition.templates) s.renderer.addRoot({ dir: definition.templates, namespace: name })
  return {
    pluginName: name,
    botName: s.botName,
    clock: s.clock,
    logger: s.logger.child({ plugin: name }),
    store: { table: (table) => file.table(table) },
    schedule: {
      cron(id, expr, handler, options) {
        loaded.jobs.add(jobId(id))
        s.scheduler.cron(jobId(id), expr, scheduledHandler(handler, options?.room), options)
      },
      daily(id, hhmm, handler, options) {
        loaded.jobs.add(jobId(id))
        s.scheduler.daily(jobId(id), hhmm, scheduledHandler(handler, options?.room), options)
      },
      timer(kind, handler) {
        s.scheduler.timers.handle(jobId(kind), (payload, firing) =>
          asScheduledWork(() => handler(payload, firing)),
        )
      },
      at: (kind, id, due, payload) => s.scheduler.timers.at(jobId(kind), jobId(id), due, payload),
      after: (kind, id, ms, payload) =>
        s.scheduler.timers.at(jobId(kind), jobId(id), new Date(s.clock.nowMs() + ms), payload),
      async cancel(id) {
        loaded.jobs.delete(jobId(id))
        await s.scheduler.cancel(jobId(id))
        await s.scheduler.timers.cancel(jobId(id))
      },
    },
    rooms: s.rooms,
    points: pointsFor(name, s.points),
    packs: { load: (kind, schema, options) => loadPacksFrom(s.packDirs, kind, schema, options) },
    files: filesFor(name, s.dataDir),
    history: s.history,
    llm: s.llm,
    command: (spec) => s.registry.addCommand(name, spec),
    listen: (spec) => s.registry.addListener(name, spec),
    onJoin: (handler) => {
      loaded.joinHandlers.push(handler)
    },
    onLeave: (handler) => {
      loaded.leaveHandlers.push(handler)
    },
    render: (template, vars) => s.renderer.render(template, vars),
    send: (roomKey, content, options) => s.messenger.toRoom(roomKey, content, options),
    sendDirect: (memberKey, content, options) => s.messenger.toMember(memberKey, content, options),
    setNotice: (roomKey, text, options) => s.messenger.setNotice(roomKey, text, options),
    mentionBatches: (members) => mentionBatches(members, s.messenger.mentionCap),
    dailySendCap: s.messenger.dailyCap,
    provide: (key, api) => s.host.provide(name, key, api),
    use: (key) => s.host.use(key),
    enabledIn: (roomKey) => s.host.isEnabled(name, roomKey),
  }
}

/** Folders of the data folder the core itself writes: a plugin of one of these names would share it. */
const CORE_FOLDERS = new Set(['state', 'logs', 'points', 'images', 'packs', 'sandbox'])

function filesFor(plugin: string, dataDir: string | null): PluginFiles {
  if (CORE_FOLDERS.has(plugin)) {
    throw new Error(`A plugin cannot be named "${plugin}": data/${plugin}/ belongs to the core`)
  }
  return dataDir === null ? new MemoryPluginFiles(plugin) : new DiskPluginFiles(join(dataDir, plugin))
}

/** The ledger as one plugin sees it: every entry it adds names it as the source. */
function pointsFor(plugin: string, ledger: Ledger): PointsLedger {
  return {
    add: (roomKey, member, amount, reason) => ledger.add(roomKey, member, amount, reason, plugin),
    balance: (roomKey, memberKey) => ledger.balance(roomKey, memberKey),
    entries: (roomKey, memberKey, options) => ledger.entries(roomKey, memberKey, options),
    ranking: (roomKey, options) => ledger.ranking(roomKey, options),
  }
}
