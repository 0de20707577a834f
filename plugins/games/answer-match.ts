import { pinyin } from 'pinyin-pro'
import { normalizeForMatch } from '../../src/text/normalize.js'

/**
 * The forms an answer is accepted in, computed once when a question opens so that checking a message costs
 * one normalisation and a set lookup. `sounds` holds toneless pinyin for rooms that accept same-sound
 * answers (同音): 「在接再励」 for 「再接再厉」 is what people type on a pinyin keyboard in a hurry.
 */
export interface AnswerKeys {
  readonly exact: ReadonlySet<string>
  readonly sounds: ReadonlySet<string>
  /** the longest exact form: a message far longer than any answer is chat, not a guess */
  readonly longest: number
}

export function answerKeys(answers: readonly string[]): AnswerKeys {
  const exact = new Set<string>()
  const sounds = new Set<string>()
  for (const answer of answers) {
    const key = normalizeForMatch(answer)
    if (key === '') continue
    exact.add(key)
    sounds.add(soundOf(key))
  }
  let longest = 0
  for (const key of exact) longest = Math.max(longest, key.length)
  return { exact, sounds, longest }
}

/** Canonical form of a guess: width, traditional characters, case, punctuation, spaces and emoji folded away. */
export function guessKey(text: string): string {
  return normalizeForMatch(text)
}

const HAN = /\p{Script=Han}/u

/** Toneless pinyin without separators (ü as v), or the text itself when it has no Han characters. */
export function soundOf(key: string): string {
  if (!HAN.test(key)) return key
  return pinyin(key, { toneType: 'none', type: 'array', v: true }).join('')
}

// Guesses arrive as chat; a long message is someone talking, not answering. The slack covers
// 「答案是……吧」-style wrapping that normalisation does not remove.
const CHAT_SLACK = 12

/** True when a message is a right answer: exactly one of the forms, or one of their sounds where allowed. */
export function matchesAnswer(keys: AnswerKeys, text: string, options: { samePinyin: boolean }): boolean {
  if (text.length > keys.longest * 4 + CHAT_SLACK) return false
  const guess = guessKey(text)
  if (guess === '') return false
  if (keys.exact.has(guess)) return true
  return options.samePinyin && keys.sounds.has(soundOf(guess))
}
