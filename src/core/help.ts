import { hasRole } from '../commands/roles.js'
import { usageVars } from '../commands/router.js'
import type { CommandSpec, PluginContext, Role } from '../host/types.js'
import type { CoreDeps } from './core-plugin.js'

const ROLE_NAMES: Record<Role, string> = { member: '', leader: '组长', admin: '管理员' }

/** `/帮助` is generated from the command specs, so it never drifts from what the bot really does. */
export function helpCommand(ctx: PluginContext, { registry, host }: CoreDeps): CommandSpec {
  return {
    name: 'help',
    aliases: ['帮助', '菜单'],
    description: '看看我能做什么',
    usage: '/帮助 [命令名]',
    example: '/帮助 破冰',
    argument: 'command',
    scope: 'any',
    readOnly: true,
    async run({ args, msg, role, reply }) {
      const visible = registry
        .allCommands()
        .filter((c) => host.isEnabled(c.plugin, msg.room?.key))
        .filter((c) => (msg.room ? c.spec.scope !== 'direct' : c.spec.scope !== 'room'))
      if (args[0]) {
        // `/帮助 破冰进度` shows /破冰, as `/破冰进度` runs it.
        const name = args[0].replace(/^[/／#＃]/, '')
        const entry = registry.findNamed(name)
        if (!entry || !visible.includes(entry)) {
          await reply(ctx.render('core/help-unknown.njk', { name: args[0] }))
          return
        }
        await reply(ctx.render('core/help-command.njk', describe(entry.spec)))
        return
      }
      const mine = visible.filter((c) => hasRole(role, c.spec.role ?? 'member') || anySubFor(c.spec, role))
      await reply(
        ctx.render('core/help-list.njk', {
          commands: mine.map((c) => describe(c.spec)),
          botName: ctx.botName,
        }),
      )
    },
  }
}

function anySubFor(spec: CommandSpec, role: Role): boolean {
  return (spec.subcommands ?? []).some((s) => hasRole(role, s.role ?? spec.role ?? 'member'))
}

function describe(spec: CommandSpec) {
  return {
    ...usageVars(spec),
    roleName: ROLE_NAMES[spec.role ?? 'member'],
    subcommands: (spec.subcommands ?? []).map((s) => ({
      name: s.name,
      usage: s.usage,
      description: s.description,
      roleName: s.roleLabel ?? ROLE_NAMES[s.role ?? spec.role ?? 'member'],
    })),
  }
}
