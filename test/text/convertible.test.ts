import TSPhrases from 'opencc-js/dict/TSPhrases'
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases'
import { describe, expect, it } from 'vitest'
import { toSimplified, toSimplifiedFully } from '../../src/text/simplify.js'

function entries(dict: string): Array<[string, string]> {
  return dict.split('|').map((e) => {
    const [key = '', value = ''] = e.split(' ')
    return [key, value]
  })
}

/** A deterministic pseudo-random generator, so a failure can be reproduced. */
function seeded(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    return s / 0x7fffffff
  }
}

describe('the fast path of traditional → simplified', () => {
  it('gives what the full dictionary chain gives for every phrase of the dictionaries, both forms', () => {
    const phrases = [...entries(TSPhrases), ...entries(TWVariantsRevPhrases)]
    const mismatches: string[] = []
    for (const [key, value] of phrases) {
      for (const text of [key, value, `我说${value}了`, `${key}吧`]) {
        if (toSimplified(text) !== toSimplifiedFully(text)) mismatches.push(text)
      }
    }
    expect(mismatches).toEqual([])
  })

  it('gives what the full chain gives for random everyday text', () => {
    const pool = Array.from(
      '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从'.repeat(
        1,
      ),
    )
    const random = seeded(42)
    for (let i = 0; i < 20_000; i++) {
      const length = 2 + Math.floor(random() * 30)
      let text = ''
      for (let j = 0; j < length; j++) text += pool[Math.floor(random() * pool.length)]
      expect(toSimplified(text)).toBe(toSimplifiedFully(text))
    }
  })

  it('still converts what members write in traditional characters', () => {
    expect(toSimplified('暱稱：小紅，最喜歡吃的食物：壽司，空閒時喜歡做什麼：看電影')).toBe(
      '昵称：小红，最喜欢吃的食物：寿司，空闲时喜欢做什么：看电影',
    )
  })
})
