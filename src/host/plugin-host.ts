import type { CommandRegistry } from '../commands/registry.js'
import { strictSchemaOf } from '../config/plugin-sections.js'
import type { Logger } from '../logger.js'
import { StateFileCorruptError, type Table } from '../store/state-store.js'
import type { ContextServices } from './context.js'
import { createContext } from './context.js'
import type { PluginDefinition, RoomEvent } from './types.js'

export type PluginStatus = 'running' | 'failed' | 'unloaded'

export interface LoadedPlugin {
  definition: PluginDefinition
  status: PluginStatus
  error?: string
  joinHandlers: Array<(event: RoomEvent) => Promise<void> | void>
  leaveHandlers: Array<(event: RoomEvent) => Promise<void> | void>
  jobs: Set<string>
}

/**
 * Loads plugins, hands each its context, and undoes whatever a plugin registered when it unloads. A plugin
 * whose config is invalid or whose setup throws is marked failed; the others keep running.
 */
export class PluginHost {
  readonly plugins = new Map<string, LoadedPlugin>()
  private readonly shared = new Map<string, unknown>()
  /** which plugin provided each shared API, so unloading it withdraws the API too */
  private readonly sharedOwners = new Map<string, string>()

  constructor(
    private readonly services: Omit<ContextServices, 'host'>,
    private readonly registry: CommandRegistry,
    private readonly disabledByRoom: Table<string[]>,
    private readonly logger: Logger,
  ) {}

  async load(definition: PluginDefinition, rawConfig: unknown): Promise<LoadedPlugin> {
    const loaded: LoadedPlugin = {
      definition,
      status: 'running',
      joinHandlers: [],
      leaveHandlers: [],
      jobs: new Set(),
    }
    this.plugins.set(definition.name, loaded)
    try {
      const config = this.parseConfig(definition, rawConfig)
      const ctx = await createContext(definition, loaded, { ...this.services, host: this })
      await definition.setup(ctx, config)
    } catch (error) {
      // A damaged state file is the operator's to fix: start-up stops, as it does for the core's files.
      if (error instanceof StateFileCorruptError) throw error
      await this.unregister(loaded)
      loaded.status = 'failed'
      loaded.error = error instanceof Error ? error.message : String(error)
      this.logger.error(
        { plugin: definition.name, err: error },
        `插件 ${definition.name} 加载失败，其他插件照常运行`,
      )
    }
    return loaded
  }

  async unload(name: string): Promise<void> {
    const loaded = this.plugins.get(name)
    if (!loaded) return
    await this.unregister(loaded)
    loaded.status = 'unloaded'
  }

  private async unregister(loaded: LoadedPlugin): Promise<void> {
    this.registry.removePlugin(loaded.definition.name)
    loaded.joinHandlers.length = 0
    loaded.leaveHandlers.length = 0
    for (const id of loaded.jobs) await this.services.scheduler.cancel(id)
    loaded.jobs.clear()
    for (const [key, owner] of this.sharedOwners)
      if (owner === loaded.definition.name) this.shared.delete(key)
  }

  /** Sections were checked before any plugin loaded (checkPluginConfig): this only applies the defaults. */
  private parseConfig(definition: PluginDefinition, raw: unknown): unknown {
    return strictSchemaOf(definition)?.parse(raw ?? {}) ?? raw ?? {}
  }

  provide(plugin: string, name: string, api: unknown): void {
    this.shared.set(name, api)
    this.sharedOwners.set(name, plugin)
  }

  use<T>(name: string): T | undefined {
    return this.shared.get(name) as T | undefined
  }

  /** Finds a plugin by its English or Chinese name. */
  findByName(name: string): LoadedPlugin | undefined {
    const wanted = name.trim().toLowerCase()
    for (const p of this.plugins.values()) {
      if (p.definition.name.toLowerCase() === wanted || p.definition.displayName === name.trim()) return p
    }
    return undefined
  }

  isEnabled(plugin: string, roomKey: string | undefined): boolean {
    if (this.plugins.get(plugin)?.status !== 'running') return false
    if (!roomKey) return true
    return this.disabledByRoom.get(roomKey)?.includes(plugin) !== true
  }

  async setEnabled(plugin: string, roomKey: string, enabled: boolean): Promise<void> {
    const current = this.disabledByRoom.get(roomKey) ?? []
    const next = enabled ? current.filter((p) => p !== plugin) : [...new Set([...current, plugin])]
    await this.disabledByRoom.set(roomKey, next)
  }

  async emitJoin(event: RoomEvent): Promise<void> {
    await this.emit(event, 'joinHandlers')
  }

  async emitLeave(event: RoomEvent): Promise<void> {
    await this.emit(event, 'leaveHandlers')
  }

  private async emit(event: RoomEvent, kind: 'joinHandlers' | 'leaveHandlers'): Promise<void> {
    for (const loaded of this.plugins.values()) {
      if (!this.isEnabled(loaded.definition.name, event.room.key)) continue
      for (const handler of loaded[kind]) {
        try {
          await handler(event)
        } catch (error) {
          this.logger.error(
            { plugin: loaded.definition.name, err: error, room: event.room.topic },
            `${kind} failed`,
          )
        }
      }
    }
  }
}
