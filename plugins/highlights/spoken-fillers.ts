import { foldedWords } from './segmenter.js'

/**
 * Spoken Chinese, typed or transcribed, is padded with words that carry nothing: hesitations (嗯、呃),
 * stutters (我我), openers (然后、就是说), tags (对吧) and the filler 这个/那个 of 的这个趋势. A point reads
 * better, and says more in the same characters, without them. Only whole words (jieba's cut) are removed, and
 * only where they cannot carry meaning, so 金额 keeps its 额, 现在在北京 its second 在, and 这个问题 its 这个.
 */

// Hesitations and interjections: removed wherever jieba cuts them as a word of their own.
const HESITATION = new Set(['嗯', '嗯嗯', '呃', '额', '啊', '哦', '噢', '唉', '诶', '欸', 'emmm', 'emm'])
// Words that, said twice in a row, are a stutter (我我的感觉), not a reduplication (看看、非常非常).
const STUTTER = new Set([
  '我',
  '你',
  '他',
  '她',
  '它',
  '这',
  '那',
  '我们',
  '你们',
  '他们',
  '这个',
  '那个',
  '就是',
  '然后',
  '所以',
  '但是',
  '因为',
  '如果',
  '还是',
  '其实',
  '也',
  '就',
  '都',
  '在',
  '是',
  '的',
])
// Openers that only hold the floor, removed at the start of a clause: 然后我们…，就是说…
const OPENER = new Set(['然后', '就是说', '就是', '那么', '其实', '反正'])
// Tags that ask for agreement at the end of a clause: …对吧，
const TAG: readonly (readonly string[])[] = [
  ['对', '吧'],
  ['是', '吧'],
  ['对', '不', '对'],
  ['对', '不对'],
  ['对不对'],
  ['是不是'],
]
// 这个/那个 as filler: after 的 (的这个趋势), or before another demonstrative or a pause (那个，这个那个).
const DEMONSTRATIVE = new Set(['这个', '那个'])
const DEMONSTRATIVE_NEXT = new Set([
  '这',
  '那',
  '这个',
  '那个',
  '这种',
  '那种',
  '这样',
  '那样',
  '这些',
  '那些',
])
// An opener is removed only when this many characters of its clause are left: 就是这样 stays.
const MIN_CLAUSE_LEFT = 4
// Where a clause starts or ends.
const CLAUSE_MARK = /^[，,、；;：:。！？!?…]+$/u
const SENTENCE_END = /^[。！？!?；;…]+$/u
const SPACE = /^\s+$/u
const CONTENT = /[\p{L}\p{N}]/u

/**
 * The sentence without the spoken fillers listed above; never empty when the sentence was not (a sentence
 * made only of fillers is returned as it was). Punctuation left dangling by a removal is tidied.
 */
export function withoutFillers(text: string): string {
  const { words, forms } = foldedWords(text)
  const keep = words.map(() => true)
  // Spaces (between Latin words and Han, 服务 30 年) are neither words nor pauses: looked through.
  const kept = (j: number): boolean => keep[j]! && !SPACE.test(forms[j]!)
  const previousKept = (i: number): number => {
    let j = i - 1
    while (j >= 0 && !kept(j)) j--
    return j
  }
  const nextKept = (i: number): number => {
    let j = i + 1
    while (j < words.length && !kept(j)) j++
    return j
  }
  const formAt = (j: number): string => (j >= 0 && j < words.length ? forms[j]! : '')
  const isPause = (form: string): boolean => CLAUSE_MARK.test(form) && !SENTENCE_END.test(form)
  const clauseStart = (i: number): boolean => {
    const before = previousKept(i)
    return before < 0 || CLAUSE_MARK.test(forms[before]!)
  }
  const clauseLengthAfter = (i: number): number => {
    let count = 0
    for (let j = i + 1; j < words.length && !CLAUSE_MARK.test(forms[j]!); j++) {
      if (kept(j)) count += Array.from(words[j]!).length
    }
    return count
  }

  for (let i = 0; i < words.length; i++) {
    const form = forms[i]!
    if (HESITATION.has(form)) keep[i] = false
    else if (STUTTER.has(form) && formAt(nextKept(i)) === form) keep[i] = false
  }
  for (let i = 0; i < words.length; i++) {
    if (!keep[i]) continue
    const form = forms[i]!
    if (OPENER.has(form)) {
      // 就是 opens a clause as a filler, but 就是这样 / 就是他 is an answer: kept when little follows.
      if (clauseStart(i) && clauseLengthAfter(i) >= MIN_CLAUSE_LEFT) keep[i] = false
    } else if (DEMONSTRATIVE.has(form)) {
      const before = formAt(previousKept(i))
      const after = formAt(nextKept(i))
      const beforeWord = before === '的' && after !== '' && !CLAUSE_MARK.test(after)
      const pause = clauseStart(i) && isPause(after)
      if (beforeWord || pause || DEMONSTRATIVE_NEXT.has(after)) keep[i] = false
    }
  }
  for (let i = 0; i < words.length; i++) {
    for (const tag of TAG) {
      if (!tag.every((part, k) => keep[i + k] && forms[i + k] === part)) continue
      // A tag closes a clause inside a sentence (…对吧，…); at its end it is what makes it a question, and
      // inside a clause (这样对不对呢) it is a real one.
      if (!isPause(formAt(i + tag.length)) || previousKept(i) < 0) continue
      for (let k = 0; k < tag.length; k++) keep[i + k] = false
    }
  }

  const tidy = words
    .filter((_, i) => keep[i])
    .join('')
    .replace(/^[，,、；;：:\s]+/u, '')
    .replace(/([，,、])[，,、\s]+/gu, '$1')
    .replace(/[，,、：:\s]+([。！？!?；;…])/gu, '$1')
    .trim()
  return CONTENT.test(tidy) ? tidy : text
}
