/**
 * The notice linter: every rule in this file, each a pure check that returns what it found (the advice's
 * words are templates, `templates/lint/<rule>.njk`). A long, cluttered notice goes unread and brings the same
 * questions back, so a leader sees this before members do.
 */

export interface LintOptions {
  screenLines: number
  screenWidth: number
}

export interface Finding {
  rule:
    | 'too-long'
    | 'no-paragraphs'
    | 'emoji-clutter'
    | 'shouting'
    | 'bare-link'
    | 'time-without-date'
    | 'at-all'
  vars: Record<string, unknown>
}

const EMOJI = /\p{Extended_Pictographic}/gu
const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]|\p{Extended_Pictographic}/u
const URL = /https?:\/\/[^\s\u3000，。）)]+/giu
const TIME =
  /(\d{1,2}[:：]\d{2})|([零一二两三四五六七八九十\d]{1,3}\s*点(半|[零一二三四五六七八九十\d]{1,2}分?)?)/u
const DATE =
  /(今天|今晚|今早|明天|明晚|明早|后天|周[一二三四五六日天末]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|\d{1,2}\s*[月/.-]\s*\d{1,2}|\d{1,2}\s*[号日]|每天|每周|每晚|每早|工作日|本周|下周)/u
const AT_ALL = /[@＠](所有人|全体成员|all)/giu

/** Columns the text takes on a phone: a Chinese character or emoji is two, other characters one. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}

/** Lines the notice takes on a phone screen: each paragraph wraps at the screen's width. */
export function screenLinesOf(text: string, screenWidth: number): number {
  return text
    .split(/\r?\n/u)
    .reduce((lines, paragraph) => lines + Math.max(1, Math.ceil(displayWidth(paragraph) / screenWidth)), 0)
}

type Rule = (text: string, options: LintOptions) => Finding | undefined

const rules: Rule[] = [
  (text, o) => {
    const lines = screenLinesOf(text, o.screenWidth)
    return lines > o.screenLines
      ? { rule: 'too-long', vars: { lines, screen: o.screenLines, chars: Array.from(text).length } }
      : undefined
  },
  (text) => {
    const chars = Array.from(text.trim()).length
    return chars > 80 && !/\n/u.test(text.trim()) ? { rule: 'no-paragraphs', vars: { chars } } : undefined
  },
  (text) => {
    const emoji = text.match(EMOJI)?.length ?? 0
    const run = Math.max(
      0,
      ...(text.match(/\p{Extended_Pictographic}(?:\uFE0F?\p{Extended_Pictographic})+/gu) ?? []).map(
        (r) => Array.from(r.match(EMOJI) ?? []).length,
      ),
    )
    return emoji > 6 || run >= 3 ? { rule: 'emoji-clutter', vars: { emoji, run } } : undefined
  },
  (text) => {
    const shouts = text.match(/[!！]{2,}|[?？]{3,}/gu) ?? []
    return shouts.length > 0
      ? { rule: 'shouting', vars: { example: shouts[0], count: shouts.length } }
      : undefined
  },
  (text) => {
    for (const line of text.split(/\r?\n/u)) {
      const links = line.match(URL) ?? []
      if (links.length === 0) continue
      const rest = line.replace(URL, '').replace(/[\s\p{P}\p{S}]/gu, '')
      if (Array.from(rest).length < 2) return { rule: 'bare-link', vars: { link: links[0] } }
    }
    return undefined
  },
  (text) => {
    const time = TIME.exec(text.replace(URL, ''))
    return time && !DATE.test(text)
      ? { rule: 'time-without-date', vars: { time: time[0].trim() } }
      : undefined
  },
  (text) => {
    const count = text.match(AT_ALL)?.length ?? 0
    return count > 1 ? { rule: 'at-all', vars: { count } } : undefined
  },
]

/** Everything worth telling the leader about the notice, in a fixed order; empty means it reads well. */
export function lintNotice(text: string, options: LintOptions): Finding[] {
  return rules.flatMap((rule) => rule(text, options) ?? [])
}
