import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { parse } from 'yaml'
import { LocalDays, LocalMinutes } from '../time/zoned.js'

const here = dirname(fileURLToPath(import.meta.url))

/** The words the console's code puts together (export headings, status names, API messages): words.yaml. */
export interface ConsoleWords {
  status: Record<'posted' | 'waiting' | 'dropped', string>
  kind: Record<'topic' | 'recap', string>
  csvHeadings: string[]
  api: Record<
    'unauthorized' | 'tooMany' | 'badQuery' | 'roomNotFound' | 'notFound' | 'figuresOff' | 'failed' | 'csrf',
    string
  >
  query: Record<
    | 'parameter'
    | 'dayFormat'
    | 'dayMissing'
    | 'searchTooLong'
    | 'roomTooLong'
    | 'topicTooLong'
    | 'kind'
    | 'status'
    | 'page'
    | 'pageFrom'
    | 'pageTooBig'
    | 'size'
    | 'sizeMin'
    | 'sizeMax'
    | 'format'
    | 'fromAfterTo',
    string
  >
  defaultAdminName: string
}

let words: ConsoleWords | undefined
export function consoleWords(): ConsoleWords {
  words ??= parse(readFileSync(join(here, 'words.yaml'), 'utf8')) as ConsoleWords
  return words
}

/** `{name}` placeholders of a words.yaml line filled in. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/**
 * The console's templates. Pages autoescape everything: chat text is untrusted and is only ever a variable,
 * so `<script>` or `{{ }}` in a highlight is shown as text. Markdown exports are plain text: no escaping.
 */
export class ConsoleViews {
  private readonly pages: nunjucks.Environment
  private readonly text: nunjucks.Environment

  constructor(readonly timeZone: string) {
    const loader = new nunjucks.FileSystemLoader(join(here, 'templates'), { noCache: false })
    const options = { throwOnUndefined: false, trimBlocks: true, lstripBlocks: true }
    this.pages = new nunjucks.Environment(loader, { ...options, autoescape: true })
    this.text = new nunjucks.Environment(loader, { ...options, autoescape: false })
    const minutes = new LocalMinutes(timeZone)
    const days = new LocalDays(timeZone)
    const instant = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) : Number.NaN)
    for (const env of [this.pages, this.text]) {
      env.addFilter('time', (iso: unknown) => {
        const ms = instant(iso)
        return Number.isNaN(ms) ? '' : minutes.format(ms)
      })
      env.addFilter('day', (iso: unknown) => {
        const ms = instant(iso)
        return Number.isNaN(ms) ? '' : days.dayOf(ms)
      })
      env.addGlobal('words', consoleWords())
    }
  }

  page(name: string, vars: Record<string, unknown>): string {
    return this.pages.render(name, vars)
  }

  markdown(name: string, vars: Record<string, unknown>): string {
    return this.text.render(name, vars)
  }
}
