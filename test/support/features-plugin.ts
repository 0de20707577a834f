import { statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { definePlugin } from '../../src/index.js'

/** Exercises the context's outward features (images, notices, points, mentions) for the core tests. */
export function featuresPlugin(imageDir: string) {
  return definePlugin({
    name: 'features',
    displayName: '功能测试',
    config: z.object({}),
    setup(ctx) {
      ctx.command({
        name: 'picture',
        aliases: ['发图'],
        description: '发一张图',
        run: ({ reply }) => reply({ image: join(imageDir, 'dot.png') }),
      })
      ctx.command({
        name: 'notice',
        aliases: ['设公告'],
        description: '设置群公告',
        run: async ({ msg, rest }) => {
          if (msg.room) await ctx.setNotice(msg.room.key, rest)
        },
      })
      ctx.command({
        name: 'award',
        aliases: ['加分'],
        description: '给自己加分',
        run: async ({ msg, args, reply }) => {
          if (!msg.room) return
          const total = await ctx.points.add(msg.room.key, msg.sender, Number(args[0] ?? 1), 'test')
          await reply(`${msg.sender.name} 共 ${total} 分`)
        },
      })
      ctx.command({
        name: 'standings',
        aliases: ['排名'],
        description: '排名',
        readOnly: true,
        run: async ({ msg, reply }) => {
          if (!msg.room) return
          const rows = ctx.points.ranking(msg.room.key)
          await reply(rows.map((r) => `${r.member.name}:${r.points}`).join(' '))
        },
      })
      ctx.command({
        name: 'rollcall',
        aliases: ['点名'],
        description: '@ 所有人',
        run: async ({ msg }) => {
          if (!msg.room) return
          const members = (await ctx.rooms.members(msg.room.key)).filter((m) => m.key !== msg.sender.key)
          await ctx.send(msg.room.key, {
            text: `${members.map((m) => `@${m.name}`).join(' ')} 点名啦`,
            mentions: members,
          })
        },
      })
      ctx.listen({
        name: 'images',
        readOnly: true,
        run: async (msg) => {
          if (msg.kind !== 'image' || !msg.room) return false
          const saved = msg.imagePath ? `，存了 ${statSync(msg.imagePath).size} 字节` : '，没存下来'
          await ctx.send(msg.room.key, `收到 ${msg.sender.name} 的图片${saved}`)
          return true
        },
      })
    },
  })
}
