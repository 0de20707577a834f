import type { CommandInvocation, CommandSpec, MemberRef, PluginContext } from '../host/types.js'
import type { CoreDeps } from './core-plugin.js'

/** `/组长`: leaders are the owner plus whoever an admin or the owner names, per room. */
export function leaderCommand(ctx: PluginContext, { roles }: CoreDeps): CommandSpec {
  const change = (adding: boolean) => async (call: CommandInvocation) => {
    const room = call.msg.room
    if (!room) return
    if (call.role !== 'admin' && !(await roles.isOwner(room.key, call.msg.sender.key))) {
      await call.reply(ctx.render('core/leader-owner-only.njk', { sender: call.msg.sender.name }))
      return
    }
    const targets = await resolveTargets(ctx, room.key, call)
    if (targets.length === 0) {
      await call.reply(ctx.render('core/leader-who.njk', { adding }))
      return
    }
    // The owner (群主) is a leader by being the owner: naming them changes nothing, removing them cannot be done.
    const owners: MemberRef[] = []
    const changed: MemberRef[] = []
    const unchanged: MemberRef[] = []
    for (const t of targets) {
      if (await roles.isOwner(room.key, t.key)) owners.push(t)
      else if (adding ? await roles.addLeader(room.key, t) : await roles.removeLeader(room.key, t.key))
        changed.push(t)
      else unchanged.push(t)
    }
    await call.reply(ctx.render('core/leader-changed.njk', { adding, changed, unchanged, owners }))
  }
  return {
    name: 'leader',
    aliases: ['组长'],
    description: '查看本群组长；群主或管理员可以添加、移除组长',
    usage: '/组长 · /组长 添加 @某人 · /组长 移除 @某人',
    example: '/组长 添加 @小红',
    readOnly: true,
    subcommands: [
      {
        name: '添加',
        aliases: ['add'],
        role: 'leader',
        usage: '/组长 添加 @某人',
        roleLabel: '群主或管理员',
        description: '任命组长',
        run: change(true),
      },
      {
        name: '移除',
        aliases: ['remove', '删除'],
        role: 'leader',
        usage: '/组长 移除 @某人',
        roleLabel: '群主或管理员',
        description: '取消组长',
        run: change(false),
      },
    ],
    async run({ msg, reply }) {
      if (!msg.room) return
      const room = msg.room
      const leaders = await ctx.rooms.leaders(room.key)
      const owners = await Promise.all(leaders.map((m) => roles.isOwner(room.key, m.key)))
      const listed = leaders.map((m, i) => ({ name: m.name, owner: owners[i] }))
      await reply(ctx.render('core/leader-list.njk', { leaders: listed, topic: room.topic }))
    },
  }
}

/** Real mentions first; a text-only `@Name` (some puppets send no mention list) is looked up by name. */
async function resolveTargets(
  ctx: PluginContext,
  roomKey: string,
  call: CommandInvocation,
): Promise<MemberRef[]> {
  if (call.mentions.length > 0) return call.mentions
  const names = call.args.filter((a) => a.startsWith('@')).map((a) => a.slice(1))
  if (names.length === 0) return []
  const members = await ctx.rooms.members(roomKey)
  return members.filter((m) => names.includes(m.name))
}
