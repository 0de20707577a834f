import type { HighlightsDesk, ReviewOutcome } from '../../src/index.js'
import { UserFacingError } from '../../src/index.js'
import { truncateChars } from '../../src/text/trim.js'
import { fileRecord, type HighlightDeps, postToRoom, shownContributors } from './publish.js'
import type { HighlightRecord } from './records.js'

/**
 * The review queue's actions, shared by `/精华 通过|删除|修改` and the ops console: both act on the same stored
 * records, so whichever acts first, the other sees it done.
 */

/** A highlight still waiting for review; `here` limits it to one room (a command typed in a room). */
export function waitingOne(deps: HighlightDeps, id: string, here?: string): HighlightRecord {
  const record = deps.tables.records.get(id)
  if (!record || record.status === 'dropped' || (here !== undefined && record.roomKey !== here)) {
    throw new UserFacingError('highlights.not-found', { id })
  }
  if (record.status !== 'waiting')
    throw new UserFacingError('highlights.not-waiting', { id, status: record.status })
  return record
}

const reviewed = (deps: HighlightDeps, by: string) => ({
  reviewedBy: by,
  reviewedAt: deps.ctx.clock.now().toISOString(),
})

/** Posts it in its room (paying the contributors) and files it again. */
export async function approveOne(
  deps: HighlightDeps,
  record: HighlightRecord,
  by: string,
): Promise<HighlightRecord> {
  const approved = { ...record, status: 'posted' as const, ...reviewed(deps, by) }
  await deps.tables.records.set(record.id, approved)
  await fileRecord(deps, approved)
  await postToRoom(deps, approved)
  return approved
}

export async function dropOne(
  deps: HighlightDeps,
  record: HighlightRecord,
  by: string,
): Promise<HighlightRecord> {
  const dropped = { ...record, status: 'dropped' as const, ...reviewed(deps, by) }
  await deps.tables.records.set(record.id, dropped)
  await fileRecord(deps, dropped)
  return dropped
}

/** A reviewer's change to the summary: screened again, stored and filed, the reviewer noted. */
async function storeEdit(
  deps: HighlightDeps,
  record: HighlightRecord,
  summary: HighlightRecord['summary'],
  by: string,
): Promise<HighlightRecord> {
  const changed = { ...record, summary, flagged: deps.screen().findInSummary(summary), ...reviewed(deps, by) }
  await deps.tables.records.set(record.id, changed)
  await fileRecord(deps, changed)
  return changed
}

/** Lines are numbered as the review shows them: the key points first, then the quotes. */
export async function editOne(
  deps: HighlightDeps,
  record: HighlightRecord,
  line: number,
  text: string,
  by: string,
): Promise<HighlightRecord> {
  const { points, quotes } = record.summary
  if (!Number.isInteger(line) || line < 1 || line > points.length + quotes.length) {
    throw new UserFacingError('highlights.bad-line', { id: record.id, lines: points.length + quotes.length })
  }
  const summary = { ...record.summary, points: [...points], quotes: [...quotes] }
  if (line <= points.length) {
    if (text === '') summary.points.splice(line - 1, 1)
    else summary.points[line - 1] = truncateChars(text, 120)
  } else {
    const at = line - points.length - 1
    if (text === '') summary.quotes.splice(at, 1)
    else
      summary.quotes[at] = {
        ...(summary.quotes[at] as { speaker: string; text: string }),
        text: truncateChars(text, 100),
      }
  }
  return storeEdit(deps, record, summary, by)
}

/** A new title, as a reviewer retitles a highlight before it is posted; an empty one is refused. */
export async function retitleOne(
  deps: HighlightDeps,
  record: HighlightRecord,
  title: string,
  by: string,
): Promise<HighlightRecord> {
  const clean = title.replace(/\s+/gu, ' ').trim()
  if (clean === '') throw new UserFacingError('highlights.empty-title', { id: record.id })
  const summary = { ...record.summary, title: truncateChars(clean, TITLE_MAX) }
  return storeEdit(deps, record, summary, by)
}

/** As long as the summary schema lets a model's title be. */
const TITLE_MAX = 60

const REASONS = {
  'highlights.not-found': 'not-found',
  'highlights.not-waiting': 'not-waiting',
  'highlights.bad-line': 'bad-line',
  'highlights.empty-title': 'empty-title',
} as const

/** The desk the ops console uses: the records as stored, and the review actions with their refusals in words. */
export function highlightsDesk(deps: HighlightDeps): HighlightsDesk {
  const act = async (id: string, action: (record: HighlightRecord) => Promise<HighlightRecord>) => {
    try {
      const done = await action(waitingOne(deps, id))
      return { ok: true, entry: shown(done) } satisfies ReviewOutcome
    } catch (error) {
      if (!(error instanceof UserFacingError) || !(error.code in REASONS)) throw error
      const reason = REASONS[error.code as keyof typeof REASONS]
      return {
        ok: false,
        reason,
        message: deps.ctx.render(error.template, error.vars),
      } satisfies ReviewOutcome
    }
  }
  const shown = (record: HighlightRecord) => ({ ...record, contributors: shownContributors(deps, record) })
  return {
    records: () => deps.tables.records.values(),
    get(id) {
      const record = deps.tables.records.get(id)
      return record && shown(record)
    },
    approve: (id, by) => act(id, (record) => approveOne(deps, record, by)),
    drop: (id, by) => act(id, (record) => dropOne(deps, record, by)),
    editLine: (id, line, text, by) => act(id, (record) => editOne(deps, record, line, text, by)),
    retitle: (id, title, by) => act(id, (record) => retitleOne(deps, record, title, by)),
  }
}
