import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import MiniSearch from 'minisearch'
import { foldForSearch } from '../text/normalize.js'
import { LocalDays } from '../time/zoned.js'
import type { HighlightEntry } from './sources.js'

/**
 * Full-text search over every room's highlights, in Chinese. Chinese has no spaces, so a text is indexed as
 * the overlapping character pairs (bigrams) of its Han runs, which finds any phrase of two characters or
 * more, plus jieba's words, which rank a highlight that has the query as a whole word above one that has its
 * characters by chance. Latin words and numbers are indexed as they are. Traditional and full-width forms
 * are folded first, so 「早起」 finds 「早起」 and 「早起」 alike.
 */

let jieba: Jieba | undefined
// Loading the dictionary takes about 0.2 s: on first use, so a console nobody searches never pays for it.
const segmenter = () => {
  jieba ??= Jieba.withDict(dict)
  return jieba
}

const HAN_RUN = /\p{Script=Han}+/gu
const OTHER_WORD = /[\p{L}\p{N}]+/gu
const HAN = /\p{Script=Han}/u

/** The terms a query must all match: bigrams of its Han runs (a lone character as itself), other words. */
export function phraseTerms(text: string): string[] {
  return phraseTermsOf(foldForSearch(text))
}

function phraseTermsOf(folded: string): string[] {
  const terms: string[] = []
  for (const [run] of folded.matchAll(HAN_RUN)) {
    const chars = Array.from(run)
    if (chars.length === 1) terms.push(run)
    for (let i = 0; i + 1 < chars.length; i++) terms.push(`${chars[i]}${chars[i + 1]}`)
  }
  for (const [word] of folded.replace(HAN_RUN, ' ').matchAll(OTHER_WORD)) terms.push(word)
  return terms
}

/** jieba's words of two characters or more that contain Han: what ranks whole-word matches higher. */
export function wordTerms(text: string): string[] {
  return wordTermsOf(foldForSearch(text))
}

function wordTermsOf(folded: string): string[] {
  return segmenter()
    .cutForSearch(folded, true)
    .filter((w) => Array.from(w).length >= 2 && HAN.test(w))
    .map((w) => `w:${w}`)
}

// Documents are folded once, when they are made (folding is the costly part): the index takes them as they are.
const indexTerms = (folded: string) => [...phraseTermsOf(folded), ...wordTermsOf(folded)]

interface Doc {
  id: string
  title: string
  body: string
  people: string
  room: string
}

function docOf(entry: HighlightEntry): Doc {
  const { summary } = entry
  return {
    id: entry.id,
    title: foldForSearch(summary.title),
    body: foldForSearch(
      [...summary.points, ...summary.quotes.map((q) => q.text), ...summary.questions].join('\n'),
    ),
    people: foldForSearch(
      [...summary.quotes.map((q) => q.speaker), ...entry.contributors.map((c) => c.name)].join(' '),
    ),
    room: foldForSearch(entry.roomTopic),
  }
}

export interface Filters {
  q?: string
  /** room key, or the room's name */
  room?: string
  /** local days, inclusive */
  from?: string
  to?: string
  /** words in the title */
  topic?: string
  kind?: 'topic' | 'recap'
  /** default: posted and waiting (dropped ones only when asked for) */
  status?: HighlightEntry['status']
}

interface Known {
  entry: HighlightEntry
  /** the local day it was written on */
  day: string
  foldedTitle: string
}

/**
 * The catalogue the console searches: kept in step with the desk's records by object identity (a changed
 * highlight is a new object), so only what changed is indexed again.
 */
export class HighlightCatalog {
  private readonly index = new MiniSearch<Doc>({
    fields: ['title', 'body', 'people', 'room'],
    tokenize: (text) => indexTerms(text),
    processTerm: (term) => term,
    searchOptions: { boost: { title: 3, people: 1.5 }, tokenize: (text) => text.split(' ') },
  })
  private readonly known = new Map<string, Known>()
  private readonly days: LocalDays

  constructor(
    timeZone: string,
    private readonly view: (id: string) => HighlightEntry | undefined,
  ) {
    this.days = new LocalDays(timeZone)
  }

  /** Brings the index up to date with the records; cheap when nothing changed. */
  sync(records: readonly HighlightEntry[]): void {
    const seen = new Set<string>()
    for (const record of records) {
      seen.add(record.id)
      this.put(record)
    }
    if (seen.size === this.known.size) return
    for (const id of [...this.known.keys()]) {
      if (seen.has(id)) continue
      this.known.delete(id)
      this.index.discard(id)
    }
  }

  /**
   * Indexes the records a slice at a time, letting the bot handle its messages in between: thousands of
   * highlights take a second or two to index, which must not stall the chat at start-up.
   */
  async warm(records: readonly HighlightEntry[], slice = 200): Promise<void> {
    for (let i = 0; i < records.length; i += slice) {
      for (const record of records.slice(i, i + slice)) this.put(record)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private put(record: HighlightEntry): void {
    const known = this.known.get(record.id)
    if (known?.entry === record) return
    const doc = docOf(this.view(record.id) ?? record)
    if (known) this.index.discard(record.id)
    this.index.add(doc)
    this.known.set(record.id, {
      entry: record,
      day: this.days.dayOf(Date.parse(record.createdAt)),
      foldedTitle: doc.title,
    })
  }

  get size(): number {
    return this.known.size
  }

  /** The matching highlights: by relevance when there is a query, else newest first. */
  find(filters: Filters): HighlightEntry[] {
    const wanted = (k: Known) => this.matches(k, filters)
    const q = filters.q?.trim() ?? ''
    if (q === '') {
      return [...this.known.values()]
        .filter(wanted)
        .sort(newestFirst)
        .map((k) => k.entry)
    }
    const terms = phraseTerms(q)
    if (terms.length === 0) return []
    const strict = this.index.search(terms.join(' '), {
      combineWith: 'AND',
      // A lone character finds the words that start with it.
      prefix: (term) => Array.from(term).length === 1,
    })
    const words = wordTerms(q)
    const bonus = new Map(
      words.length === 0
        ? []
        : this.index.search(words.join(' '), { combineWith: 'OR' }).map((r) => [String(r.id), r.score]),
    )
    return strict
      .map((r) => ({ known: this.known.get(String(r.id)), score: r.score + (bonus.get(String(r.id)) ?? 0) }))
      .filter((r): r is { known: Known; score: number } => r.known !== undefined && wanted(r.known))
      .sort((a, b) => b.score - a.score || newestFirst(a.known, b.known))
      .map((r) => r.known.entry)
  }

  private matches(k: Known, f: Filters): boolean {
    const { entry } = k
    if (f.status ? entry.status !== f.status : entry.status === 'dropped') return false
    if (f.room && entry.roomKey !== f.room && entry.roomTopic !== f.room) return false
    if (f.from && k.day < f.from) return false
    if (f.to && k.day > f.to) return false
    if (f.kind && entry.kind !== f.kind) return false
    if (f.topic && !k.foldedTitle.includes(foldForSearch(f.topic.trim()))) return false
    return true
  }
}

function newestFirst(a: Known, b: Known): number {
  return b.entry.createdAt.localeCompare(a.entry.createdAt) || Number(b.entry.id) - Number(a.entry.id)
}
