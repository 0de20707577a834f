import type { CommandRegistry } from '../commands/registry.js'
import type { RoleResolver } from '../commands/roles.js'
import type { PluginHost } from '../host/plugin-host.js'
import { definePlugin } from '../index.js'
import { helpCommand } from './help.js'
import { leaderCommand } from './leaders.js'
import { pluginSwitchCommand } from './plugin-switch.js'
import { myPointsCommand, rankingCommand } from './points-commands.js'
import { selfIntroListener } from './self-intro.js'

export interface CoreDeps {
  host: PluginHost
  registry: CommandRegistry
  roles: RoleResolver
}

/** Commands every room has: help, leaders and per-room plugin switches. */
export function createCorePlugin(deps: CoreDeps) {
  return definePlugin({
    name: 'core',
    displayName: '基础',
    description: '帮助、组长、插件开关、积分榜，被 @ 时自我介绍',
    setup(ctx) {
      ctx.command(helpCommand(ctx, deps))
      ctx.command(leaderCommand(ctx, deps))
      ctx.command(pluginSwitchCommand(ctx, deps))
      ctx.command(myPointsCommand(ctx))
      ctx.command(rankingCommand(ctx))
      ctx.listen(selfIntroListener(ctx, deps.host))
    },
  })
}
