import { z } from 'zod'
import { definePlugin } from '../../src/index.js'
import { nextCount } from './counter.js'

/**
 * The smallest useful plugin, meant to be copied: a command with no state (`/在吗`), a command that keeps
 * per-member state in the store (`/计数`), templates for every word it says, and a validated config.
 */
export default definePlugin({
  name: 'example',
  displayName: '示例',
  description: '在吗、计数：写插件时照着抄',
  // A sample, not a feature: real groups get it only when enabledPlugins names it.
  defaultEnabled: 'sandbox',
  config: z.object({
    /** what `/计数` counts, shown in the reply */
    unit: z.string().min(1).default('次'),
  }),
  setup(ctx, config) {
    const counts = ctx.store.table<number>('counts')

    ctx.command({
      name: 'ping',
      aliases: ['在吗'],
      description: '看看我在不在',
      scope: 'any',
      readOnly: true,
      run: ({ msg, reply }) => reply(ctx.render('example/pong.njk', { sender: msg.sender.name })),
    })

    ctx.command({
      name: 'count',
      aliases: ['计数'],
      description: '给自己计一次数，看看一共多少次',
      usage: '/计数',
      run: async ({ msg, reply }) => {
        const key = `${msg.room?.key ?? 'direct'}:${msg.sender.key}`
        const total = nextCount(counts.get(key))
        await counts.set(key, total)
        await reply(ctx.render('example/counted.njk', { sender: msg.sender.name, total, unit: config.unit }))
      },
    })
  },
})
