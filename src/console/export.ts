import { LocalMinutes } from '../time/zoned.js'
import type { HighlightEntry } from './sources.js'

/**
 * The current selection of highlights as a file: CSV for spreadsheets, Markdown for reading and sharing.
 * Chat text is untrusted: in CSV a cell that a spreadsheet would run as a formula (= + - @, or a tab or
 * carriage return in front) gets a leading quote, so it is shown as text.
 */

const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV cell: neutralised against formula injection, quoted, inner quotes doubled. */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export interface ExportWords {
  /** column headings, in order */
  headings: string[]
  status: Record<HighlightEntry['status'], string>
  kind: Record<HighlightEntry['kind'], string>
}

/** CSV with a byte-order mark (spreadsheet programs then read the Chinese as UTF-8), CRLF line ends. */
export function toCsv(entries: readonly HighlightEntry[], words: ExportWords, timeZone: string): string {
  const minutes = new LocalMinutes(timeZone)
  const time = (iso: string) => minutes.format(Date.parse(iso))
  const rows = entries.map((e) => [
    e.id,
    e.roomTopic,
    e.summary.title,
    words.kind[e.kind],
    words.status[e.status],
    time(e.createdAt),
    time(e.from),
    time(e.to),
    e.messageCount,
    e.summary.points.join('\n'),
    e.summary.quotes.map((q) => `${q.text} —— ${q.speaker}`).join('\n'),
    e.summary.questions.join('\n'),
    e.contributors.map((c) => c.name).join('、'),
  ])
  const lines = [words.headings, ...rows].map((row) => row.map(csvCell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** A file name for the download: safe in a header, dated. */
export function exportFileName(format: 'md' | 'csv', day: string): string {
  return `highlights-${day}.${format}`
}
