import type { CommandInvocation, CommandSpec, PluginContext } from '../host/types.js'
import type { CoreDeps } from './core-plugin.js'

/** `/插件`: a leader switches a plugin off or on for their own room only. */
export function pluginSwitchCommand(ctx: PluginContext, { host }: CoreDeps): CommandSpec {
  const toggle =
    (enable: boolean) =>
    async ({ msg, args, reply }: CommandInvocation) => {
      if (!msg.room) return
      const name = args[0]
      const plugin = name ? host.findByName(name) : undefined
      if (!plugin || plugin.definition.name === 'core') {
        await reply(ctx.render('core/plugin-unknown.njk', { name, plugins: listed(host, msg.room.key) }))
        return
      }
      await host.setEnabled(plugin.definition.name, msg.room.key, enable)
      await reply(
        ctx.render('core/plugin-switched.njk', { enable, displayName: plugin.definition.displayName }),
      )
    }
  return {
    name: 'plugin',
    aliases: ['插件'],
    description: '查看本群的插件；组长可以开启或关闭',
    usage: '/插件 · /插件 开启 名称 · /插件 关闭 名称',
    // A plugin every new install has: the first one an operator tends to switch off in a real group.
    example: '/插件 关闭 示例',
    readOnly: true,
    subcommands: [
      {
        name: '开启',
        aliases: ['on', '打开', '启用'],
        role: 'leader',
        usage: '/插件 开启 名称',
        description: '在本群开启插件',
        run: toggle(true),
      },
      {
        name: '关闭',
        aliases: ['off', '停用'],
        role: 'leader',
        usage: '/插件 关闭 名称',
        description: '在本群关闭插件',
        run: toggle(false),
      },
    ],
    async run({ msg, reply }) {
      if (!msg.room) return
      await reply(ctx.render('core/plugin-list.njk', { plugins: listed(host, msg.room.key) }))
    },
  }
}

function listed(host: CoreDeps['host'], roomKey: string) {
  return [...host.plugins.values()]
    .filter((p) => p.definition.name !== 'core')
    .map((p) => ({
      name: p.definition.name,
      displayName: p.definition.displayName,
      description: p.definition.description,
      status: p.status,
      enabled: host.isEnabled(p.definition.name, roomKey),
    }))
}
