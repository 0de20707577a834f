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
      const enabled = registry.allCommands().filter((c) => host.isEnabled(c.plugin, msg.room?.key))
      // A command without a scope is a room command, as the router treats it.
      const scopeOf = (spec: CommandSpec) => spec.scope ?? 'room'
      const worksHere = (c: (typeof enabled)[number]) =>
        msg.room ? scopeOf(c.spec) !== 'direct' : scopeOf(c.spec) !== 'room'
      const visible = enabled.filter(worksHere)
      if (args[0]) {
        // `/帮助 破冰进度` shows /破冰, as `/破冰进度` runs it.
        const name = args[0].replace(/^[/／#＃]/, '')
        const entry = registry.findNamed(name)
        if (!entry || !visible.includes(entry)) {
          const groupOnly = entry !== undefined && !msg.room && scopeOf(entry.spec) === 'room'
          await reply(ctx.render('core/help-unknown.njk', { name: args[0], groupOnly }))
          return
        }
        await reply(ctx.render('core/help-command.njk', describe(entry.spec)))
        return
      }
      const mayUse = (spec: CommandSpec) => hasRole(role, spec.role ?? 'member') || anySubFor(spec, role)
      const mine = visible.filter((c) => mayUse(c.spec))
      // The example names a command the caller may use here, never a leader's command shown to a member.
      const example = mine.find((c) => c.spec.name !== 'help')?.spec
      await reply(
        ctx.render('core/help-list.njk', {
          commands: mine.map((c) => describe(c.spec)),
          botName: ctx.botName,
          inRoom: msg.room !== undefined,
          example: example ? (example.aliases?.[0] ?? example.name) : undefined,
          groupOnly: msg.room
            ? []
            : enabled
                .filter((c) => scopeOf(c.spec) === 'room')
                .map((c) => c.spec.aliases?.[0] ?? c.spec.name),
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
