import { z } from 'zod'
import { definePlugin, SOURCES } from '../../src/index.js'
import { describeProblem } from '../../src/packs/load.js'
import { closeTopic, highlightsCommand, recapCommand, topicCommand } from './commands.js'
import { highlightsConfig } from './config.js'
import type { Summary } from './highlight.js'
import { modelSummary } from './model-summary.js'
import { summariseOffline } from './offline-summary.js'
import type { HighlightDeps } from './publish.js'
import type { HighlightRecord, OpenTopic } from './records.js'
import { highlightsDesk } from './review.js'
import { WordScreen } from './screen.js'
import type { Discussion } from './turns.js'

const screenEntry = z.object({ word: z.string().trim().min(1).max(40) })

/**
 * 精华: a leader opens a topic (or asks for a recap of recent chat); when it closes, the model (or, without one,
 * the offline summariser) writes it up as a highlight: posted in the room, filed as Markdown under
 * `data/highlights/`, sent to ops staff, and its contributors earn points. Rooms can have an admin review
 * highlights first; the word screen sends flagged ones to review whatever the room's setting.
 */
export default definePlugin({
  name: 'highlights',
  displayName: '精华',
  description: '话题讨论、聊天总结，整理成精华存档',
  config: highlightsConfig,
  setup(ctx, config) {
    let screen: WordScreen | undefined
    const loadScreen = () => {
      const pack = ctx.packs.load('sensitive-words', screenEntry)
      for (const problem of pack.problems) ctx.logger.warn({ pack: problem.file }, describeProblem(problem))
      return new WordScreen(pack.entries.map((e) => e.word))
    }
    const summarise = async (
      discussion: Discussion,
      title: string | undefined,
    ): Promise<{ summary: Summary; offline: boolean }> => {
      if (ctx.llm) {
        try {
          const made = await modelSummary(ctx.llm, ctx.render, discussion.turns, {
            title,
            maxChars: config.maxChars,
            onProgress: (done, parts) => ctx.logger.info({ done, parts }, 'summarising a long discussion'),
          })
          ctx.logger.info(
            { tokens: made.tokens, messages: discussion.messageCount },
            'highlight written by the model',
          )
          return { summary: made.summary, offline: false }
        } catch (error) {
          ctx.logger.warn({ err: error }, 'the model could not write the highlight; writing it offline')
        }
      }
      return {
        summary: summariseOffline(discussion.turns, { maxChars: config.maxChars, title }),
        offline: true,
      }
    }
    const deps: HighlightDeps = {
      ctx,
      config,
      tables: {
        records: ctx.store.table<HighlightRecord>('highlights'),
        topics: ctx.store.table<OpenTopic>('topics'),
        cursors: ctx.store.table<string>('cursors'),
        optedOut: ctx.store.table<{ name: string }>('optedOut'),
        counter: ctx.store.table<number>('counter'),
        paidThrough: ctx.store.table<string>('paidThrough'),
      },
      screen: () => {
        screen ??= loadScreen()
        return screen
      },
      summarise,
    }
    ctx.schedule.timer('auto-close', (payload) => closeTopic(deps, (payload as { roomKey: string }).roomKey))
    // The ops console reads the highlights and acts on the same review queue through this desk.
    ctx.provide(SOURCES.highlights, highlightsDesk(deps))
    ctx.command(topicCommand(deps))
    ctx.command(recapCommand(deps))
    ctx.command(highlightsCommand(deps))
  },
})
