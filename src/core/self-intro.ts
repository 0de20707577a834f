import { OnceInAWhile } from '../commands/cooldown.js'
import type { PluginHost } from '../host/plugin-host.js'
import type { ChatMessage, ListenerSpec, PluginContext } from '../host/types.js'

/** Long enough that a group cannot make the bot chatter by @-ing it in turns; short enough to help again later. */
const QUIET_MS = 5 * 60_000
const COMMAND_PREFIX = /^[/／#＃]\s*(\S+)/

/**
 * Spoken to, the bot answers: a message that @-mentions it without a command, or a private message that is no
 * command it knows, gets a short self-introduction and how to ask for help. It runs after every other
 * listener, so intros, gift claims and game answers are never taken from their plugins, and it answers each
 * member at most once in a few minutes.
 */
export function selfIntroListener(ctx: PluginContext, host: PluginHost): ListenerSpec {
  const quiet = new OnceInAWhile(ctx.clock, QUIET_MS)
  return {
    name: 'self-intro',
    order: 10_000,
    readOnly: true,
    // In a room, only a message that @-mentions the bot; in private, any.
    when: (msg) => !msg.room || msg.mentionsBot,
    run(msg: ChatMessage) {
      if (!quiet.take(`${msg.room?.key ?? ''}\u0000${msg.sender.key}`)) return false
      return answer(ctx, host, msg)
    },
  }
}

async function answer(ctx: PluginContext, host: PluginHost, msg: ChatMessage): Promise<boolean> {
  const features = [...host.plugins.values()]
    .filter((p) => p.definition.name !== 'core' && host.isEnabled(p.definition.name, msg.room?.key))
    .map((p) => p.definition.displayName)
  const unknownCommand = COMMAND_PREFIX.exec(stripBotMention(msg.text, ctx.botName))?.[1]
  const text = ctx.render('core/self-intro.njk', {
    botName: ctx.botName,
    sender: msg.sender.name,
    inRoom: msg.room !== undefined,
    unknownCommand,
    features,
  })
  if (msg.room) await ctx.send(msg.room.key, { text: `@${msg.sender.name} ${text}`, mentions: [msg.sender] })
  else await ctx.sendDirect(msg.sender.key, text)
  return true
}

function stripBotMention(text: string, botName: string): string {
  const trimmed = text.trim()
  const mention = `@${botName}`
  return trimmed.startsWith(mention) ? trimmed.slice(mention.length).trim() : trimmed
}
