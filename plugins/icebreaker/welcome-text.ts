import type { MemberRef } from '../../src/index.js'

export interface WelcomeVars {
  /** '@小明 @小红', exactly as the mentions appear in the message */
  newcomers: string
  topic: string
  /** '王老师、李老师', or '' when the room has none */
  leaders: string
}

// Full-width braces too: that is what a Chinese IME types.
const PLACEHOLDER = /[{｛]\s*(新人|群名|组长)\s*[}｝]/gu
const WORD = /[\p{L}\p{N}]/u

/**
 * Fills a leader's own welcome text. Plain string replacement on purpose: the text is user input and is
 * never compiled as a template. A text without {新人} gets the mentions in front, so nobody is @-ed
 * out of sight.
 */
export function fillWelcome(text: string, vars: WelcomeVars): string {
  let mentioned = false
  const filled = text.replace(PLACEHOLDER, (whole: string, name: string, at: number) => {
    if (name !== '新人') return name === '群名' ? vars.topic : vars.leaders
    mentioned = true
    // WeChat sets a mention off with a space; 欢迎{新人}来到 would glue the name to the next word.
    const before = WORD.test(text.charAt(at - 1)) ? ' ' : ''
    const after = WORD.test(text.charAt(at + whole.length)) ? ' ' : ''
    return `${before}${vars.newcomers}${after}`
  })
  return mentioned || vars.newcomers === '' ? filled : `${vars.newcomers} ${filled}`
}

/** '@小明 @小红': the text form of a real mention, which the transport binds to each member. */
export function mentionText(members: readonly MemberRef[]): string {
  return members.map((m) => `@${m.name}`).join(' ')
}

/** '王老师、李老师' */
export function nameList(members: readonly MemberRef[]): string {
  return members.map((m) => m.name).join('、')
}
