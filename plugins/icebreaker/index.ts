import { definePlugin } from '../../src/index.js'
import { icebreakerCommand } from './commands.js'
import { icebreakerConfig } from './config.js'
import type { Deps } from './deps.js'
import { DEFAULT_SYNONYMS, mergeSynonyms } from './intro-fields.js'
import { freeIntroListener, giftListener, introListener, templateQuestionListener } from './listeners.js'
import { hobbyOf, PROFILES_API, type ProfilesApi } from './profiles.js'
import { IcebreakerState } from './state.js'
import { TemplateShown } from './template-shown.js'
import { welcomeNewcomers } from './welcome.js'

export type { Profile, ProfilesApi } from './profiles.js'

/**
 * 破冰: welcomes newcomers, lets a leader start the round of introductions, records each member's intro
 * as their profile, hands out the intro gift once, and shares the profiles with other plugins.
 */
export default definePlugin({
  name: 'icebreaker',
  displayName: '破冰',
  description: '欢迎新人、自我介绍模板、介绍进度和领礼物',
  config: icebreakerConfig,
  setup(ctx, config) {
    const synonyms = mergeSynonyms(DEFAULT_SYNONYMS, config.synonyms)
    const state = new IcebreakerState(ctx.store, config.defaultFields)
    const deps: Deps = { ctx, config, state, synonyms, templateShown: new TemplateShown() }

    ctx.command(icebreakerCommand(deps))
    ctx.listen(giftListener(deps))
    ctx.listen(introListener(deps))
    ctx.listen(templateQuestionListener(deps))
    ctx.listen(freeIntroListener(deps))
    if (config.welcome) ctx.onJoin(welcomeNewcomers(deps))

    ctx.provide<ProfilesApi>(PROFILES_API, {
      get: (roomKey, memberKey) => state.profile(roomKey, memberKey),
      list: (roomKey) => state.profiles(roomKey),
      hobby: (roomKey, memberKey) => hobbyOf(state.profile(roomKey, memberKey), synonyms),
    })
  },
})
