/** Instants `Date#toISOString` writes as `YYYY-MM-DDTHH:mm:ss.sssZ` (years 0000–9999). */
export const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999

let cachedSecond = Number.NaN
let cachedPrefix = ''

/**
 * The same string as `new Date(ms).toISOString()`, built from a cached `YYYY-MM-DDTHH:mm:ss.` of the
 * current second: the room log stamps every message, and messages arrive many per second.
 */
export function isoInstant(ms: number): string {
  if (!(ms >= 0 && ms <= LAST_FOUR_DIGIT_YEAR_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString()
  const second = Math.floor(ms / 1000)
  if (second !== cachedSecond) {
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20)
    cachedSecond = second
  }
  const millis = ms - second * 1000
  return `${cachedPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`
}
