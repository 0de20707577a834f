import { guessKey, soundOf } from './answer-match.js'
import type { GameKind } from './engine.js'

/** 成语接龙: the open question is the idiom to continue from. */
export interface ChainQuestion {
  idiom: string
}

/** The idiom list, indexed for the chain: what continues from a character, or from its sound. */
export class IdiomDictionary {
  private readonly words = new Set<string>()
  private readonly byFirstChar = new Map<string, string[]>()
  private readonly byFirstSound = new Map<string, string[]>()

  constructor(idioms: Iterable<string>) {
    for (const word of [...idioms].map(guessKey).sort()) {
      if (this.words.has(word) || word.length < 3) continue
      this.words.add(word)
      push(this.byFirstChar, firstChar(word), word)
      push(this.byFirstSound, soundOf(firstChar(word)), word)
    }
  }

  get size(): number {
    return this.words.size
  }

  has(word: string): boolean {
    return this.words.has(word)
  }

  /** Idioms that may follow `idiom`, same character first, then (where allowed) same sound; repeats left out. */
  continuations(idiom: string, options: { samePinyin: boolean; used: readonly string[] }): string[] {
    const last = lastChar(idiom)
    const candidates = [...(this.byFirstChar.get(last) ?? [])]
    if (options.samePinyin) {
      for (const word of this.byFirstSound.get(soundOf(last)) ?? [])
        if (!candidates.includes(word)) candidates.push(word)
    }
    return candidates.filter((word) => word !== idiom && !options.used.includes(word))
  }

  /** An idiom to open a round with: one that has somewhere to go. */
  opening(random: () => number): string | undefined {
    const all = [...this.words]
    for (let tries = 0; tries < 50 && all.length > 0; tries++) {
      const word = all[Math.floor(random() * all.length)]!
      if (this.continuations(word, { samePinyin: false, used: [] }).length >= 2) return word
    }
    return all[0]
  }
}

function push(index: Map<string, string[]>, key: string, word: string): void {
  const list = index.get(key)
  if (list) list.push(word)
  else index.set(key, [word])
}

function firstChar(word: string): string {
  return [...word][0] ?? ''
}

function lastChar(word: string): string {
  return [...word].at(-1) ?? ''
}

/** Joins `next` to `idiom`: same first character as the last one, or the same sound where the room allows it. */
export function links(idiom: string, next: string, samePinyin: boolean): boolean {
  const last = lastChar(idiom)
  const first = firstChar(next)
  return first === last || (samePinyin && soundOf(first) === soundOf(last))
}

/** 成语接龙 over the idiom list; `dictionary()` is read at each round so a reload takes effect. */
export function idiomChain(dictionaryOf: () => IdiomDictionary): GameKind<ChainQuestion> {
  const dictionary = {
    get current() {
      return dictionaryOf()
    },
  }
  return {
    id: 'chain',
    title: '成语接龙',
    command: {
      name: 'chain',
      aliases: ['接龙', '成语接龙'],
      description: '来一轮成语接龙',
      defaultCount: 10,
    },
    plan(_count, random) {
      const opening = dictionary.current.opening(random)
      return opening ? [{ idiom: opening }] : []
    },
    idOf: (q) => q.idiom,
    view: (q) => ({ idiom: q.idiom, last: [...q.idiom].at(-1) }),
    check(q, guess, { samePinyin, used }) {
      const word = guessKey(guess)
      if (!dictionary.current.has(word) || word === q.idiom || used.includes(word)) return undefined
      return links(q.idiom, word, samePinyin) ? word : undefined
    },
    // An empty answer means nothing is left to continue with: the round ends there.
    reveal: (q, used) => dictionary.current.continuations(q.idiom, { samePinyin: true, used })[0] ?? '',
    hints(q, used) {
      const example = dictionary.current.continuations(q.idiom, { samePinyin: false, used })[0]
      if (!example) return []
      const [first = '', second = ''] = [...example]
      return [{ text: `${first}□□□` }, { text: `${first}${second}□□` }]
    },
    follow: (_q, answer) => (answer ? { idiom: answer } : undefined),
  }
}
