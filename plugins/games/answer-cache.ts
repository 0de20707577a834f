import { type AnswerKeys, answerKeys } from './answer-match.js'

// A question's answer forms are computed when it is first checked and reused for every later guess; rounds
// are small, so a bounded map is plenty and survives rounds being reloaded from the store as new objects.
const MAX_CACHED = 500
const cache = new Map<string, AnswerKeys>()

export function cachedAnswerKeys(answers: readonly string[]): AnswerKeys {
  const id = answers.join('\u0000')
  let keys = cache.get(id)
  if (!keys) {
    if (cache.size >= MAX_CACHED) cache.clear()
    keys = answerKeys(answers)
    cache.set(id, keys)
  }
  return keys
}
