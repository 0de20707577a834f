import { normalizeForMatch } from '../../src/text/normalize.js'
import { truncateChars } from '../../src/text/trim.js'
import type { Summary, Turn } from './highlight.js'

export interface SanitiseOptions {
  /** names of members who asked not to be quoted by name */
  optedOut: ReadonlySet<string>
  /** how such a member appears instead (templates/anonymous.njk): their words may be summarised, never their name */
  anonymous: string
  /** names of the room's members: an @ of anyone else loses its @ */
  members: ReadonlySet<string>
  /** total characters of the key points */
  maxChars: number
}

// Mainland mobile numbers, and WeChat ids written out (wxid_… or after 「微信号」/「vx」).
const PHONE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g
const WXID = /wxid_[a-z0-9]{4,}/gi
const WECHAT_ID = /((?:微信号?|vx|v信|wx|weixin)\s*[:：]?\s*)([a-z][-_a-z0-9]{5,19})/gi

/** Phone numbers and WeChat ids are masked wherever they appear: a highlight is read by the whole group. */
export function maskContacts(text: string): string {
  return text
    .replace(PHONE, (_, head: string, _middle: string, tail: string) => `${head}****${tail}`)
    .replace(WXID, 'wxid_****')
    .replace(WECHAT_ID, (_, label: string) => `${label}****`)
}

/** Whether the text gives a phone number or a WeChat id. */
export function hasContact(text: string): boolean {
  return maskContacts(text) !== text
}

/** No @所有人, and no @ of someone who is not in the room (the model may make names up). */
export function defuseMentions(text: string, members: ReadonlySet<string>): string {
  return text
    .replace(/[@＠](所有人|全体成员|all)\s*/giu, '')
    .replace(/[@＠]([^\s@＠,，。!！?？:：]{1,20})/gu, (whole, name: string) =>
      members.has(name) ? whole : name,
    )
}

/** Whether `quote` is what `speaker` really wrote (compared without spaces, punctuation, width or script). */
export function isRealQuote(quote: { speaker: string; text: string }, turns: Turn[]): boolean {
  const wanted = normalizeForMatch(quote.text)
  if (wanted.length < 2) return false
  return turns.some((t) => t.speaker === quote.speaker && normalizeForMatch(t.text).includes(wanted))
}

function replaceNames(text: string, names: ReadonlySet<string>, anonymous: string): string {
  let out = text
  for (const name of names) if (name.length >= 2) out = out.split(name).join(anonymous)
  return out
}

/**
 * Makes any summariser's output (the model's above all) fit to post: quotes that do not occur in the chat
 * are dropped, opted-out members lose their names, contacts are masked, mentions defused, lengths capped.
 */
export function sanitiseSummary(summary: Summary, turns: Turn[], options: SanitiseOptions): Summary {
  const clean = (text: string, max: number) =>
    truncateChars(
      maskContacts(
        defuseMentions(replaceNames(text, options.optedOut, options.anonymous), options.members),
      ).trim(),
      max,
    )
  const points: string[] = []
  let used = 0
  for (const point of summary.points) {
    const text = clean(point, 120)
    if (text === '' || (points.length > 0 && used + text.length > options.maxChars)) continue
    points.push(text)
    used += text.length
  }
  // A short discussion can give the same sentence as a point, a quote and a question: each is shown once, the
  // questions in their own list, a quote only when it adds words the points do not already hold.
  const folded = (text: string) => normalizeForMatch(text)
  const questions = summary.questions
    .map((q) => clean(q, 100))
    .filter(Boolean)
    .slice(0, 3)
  const asked = questions.map(folded)
  const kept = points.filter((point) => !asked.includes(folded(point)))
  const said = kept.map(folded)
  // Compared as posted (contacts masked, names replaced), so a quote of a point's very sentence is caught.
  const quotes = summary.quotes
    .filter((quote) => isRealQuote(quote, turns))
    .map((quote) => ({
      speaker: options.optedOut.has(quote.speaker) ? options.anonymous : quote.speaker,
      text: clean(quote.text, 100),
    }))
    .filter((quote) => {
      const text = folded(quote.text)
      return text !== '' && !said.some((point) => point.includes(text)) && !asked.includes(text)
    })
    .slice(0, 5)
  return {
    title: clean(summary.title, 30) || '群聊精华',
    points: kept,
    quotes,
    questions,
    contributors: summary.contributors.map((name) => (options.optedOut.has(name) ? options.anonymous : name)),
  }
}
