import { type Message, WechatyBuilder } from 'wechaty'
import { type BenchWorld, mainSide, type Side } from './harness.js'

/**
 * The floor: bare Wechaty on the same mock with the smallest handler that does the same job. Any Wechaty bot
 * pays at least this much per message.
 */
async function floorSide(world: BenchWorld): Promise<Side> {
  const bot = WechatyBuilder.build({ puppet: world.puppet })
  const waiting = new Map<string, () => void>()
  const counts = new Map<string, number>()

  const handle = async (m: Message): Promise<void> => {
    if (m.self()) return
    const room = m.room()
    if (!room) return
    const text = (m.text() ?? '').trim()
    if (!text.startsWith('/')) return
    const command = text.slice(1).split(/\s+/u)[0]
    const name = m.talker().name()
    if (command === '在吗') {
      await room.say(`在的，${name}～有什么可以帮你？`)
    } else if (command === '计数') {
      const key = `${room.id}:${m.talker().id}`
      const total = (counts.get(key) ?? 0) + 1
      counts.set(key, total)
      await room.say(`${name}，记下啦，你一共 ${total} 次。`)
    }
  }

  bot.on('message', (m) => {
    void handle(m)
      .catch((error: unknown) => console.error('floor handler failed', error))
      .finally(() => {
        const resolve = waiting.get(m.id)
        waiting.delete(m.id)
        resolve?.()
      })
  })
  await bot.start()
  world.login()
  return {
    name: 'floor',
    expect: (id) => new Promise<void>((resolve) => waiting.set(id, resolve)),
  }
}

await mainSide(floorSide)
