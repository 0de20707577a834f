import type { MemberRef } from '../../src/index.js'
import type { Contributor, Summary } from './highlight.js'

/** A highlight as stored: what was summarised, the result, and where it stands. */
export interface HighlightRecord {
  /** short, for typing: 「/精华 12」 */
  id: string
  roomKey: string
  roomTopic: string
  kind: 'topic' | 'recap'
  summary: Summary
  contributors: Contributor[]
  messageCount: number
  /** made without the model (none configured, or it failed) */
  offline: boolean
  /** ISO instants of the first and last message summarised */
  from: string
  to: string
  createdAt: string
  /** who asked for it */
  by: MemberRef
  /** waiting for review, posted in the room, or dropped by an admin */
  status: 'waiting' | 'posted' | 'dropped'
  /** words of the screen list found in it */
  flagged: string[]
  /** who approved, dropped or last edited it in review, and when (ISO) */
  reviewedBy?: string
  reviewedAt?: string
  /** archive file, relative to the plugin's folder */
  file?: string
}

/** A discussion opened with /话题 and not closed yet. */
export interface OpenTopic {
  title: string
  openedAt: string
  openedBy: MemberRef
}

/** Newest first; `limit` of them. */
export function latestOf(records: HighlightRecord[], limit: number): HighlightRecord[] {
  return [...records].sort((a, b) => Number(b.id) - Number(a.id)).slice(0, limit)
}
