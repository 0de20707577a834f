import { normalizeForMatch } from '../../src/text/normalize.js'

// Compared after normalizeForMatch, so 禮物, 領取 and spaced-out 礼 物 match too; 领礼物 contains 礼物.
const CLAIM_WORDS = ['礼物', '领取']

/**
 * True when a member's message asks for the icebreaker gift. Deliberately a plain keyword test:
 * any message containing 礼物 or 领取 counts, even 「这礼物真好看」 or 「我不要礼物」. The caller only
 * asks this of members who have introduced themselves, and a spare gift reply costs little, while
 * a missed claim leaves a member waiting.
 */
export function isGiftClaim(text: string): boolean {
  const normalized = normalizeForMatch(text)
  return CLAIM_WORDS.some((word) => normalized.includes(word))
}
