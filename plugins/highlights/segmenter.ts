import { Jieba, TfIdf } from '@node-rs/jieba'
import { dict, idf } from '@node-rs/jieba/dict.js'

/**
 * Words that carry no topic in group chat: function words, fillers, pronouns, chat noise. Jieba's keyword
 * extractor weighs every other word by its frequency here against its rarity in jieba's general corpus (IDF).
 */
const STOP_WORDS =
  `的 了 是 我 你 他 她 它 们 我们 你们 他们 她们 大家 自己 这 那 这个 那个 这些 那些 这样 那样 这么 那么
什么 怎么 怎样 为什么 哪 哪里 哪个 谁 吗 呢 吧 啊 呀 哦 噢 嗯 哈 哈哈 哈哈哈 嘿 哇 啦 嘛 呗 哎 唉 诶 欸 额 呃
就 也 都 还 又 再 才 只 很 太 最 更 挺 真 好 好的 可以 可能 应该 觉得 感觉 认为 知道 其实 然后 所以 因为 但是 不过 而且
如果 虽然 还是 或者 一下 一点 一些 有点 有些 一个 一样 没有 不是 就是 还有 已经 现在 今天 明天 昨天 时候 东西 事情
这种 那种 一直 一起 比较 非常 特别 真的 确实 当然 肯定 估计 好像 然而 而是 并且 以及 对于 关于 通过 之后 之前
收到 谢谢 感谢 辛苦 赞 厉害 牛 好滴 好嘞 嗯嗯 对对 对的 是的 没错 同意 加一 哈喽 早安 晚安 大佬 老师 同学 群里`
    .split(/\s+/u)
    .filter(Boolean)
const STOP = new Set(STOP_WORDS)

let loaded: { jieba: Jieba; tfidf: TfIdf } | undefined

/** The segmenter and keyword weigher, loaded once (about 0.2 s: the dictionaries are large). */
export function segmenter(): { jieba: Jieba; tfidf: TfIdf } {
  if (!loaded) {
    const jieba = Jieba.withDict(dict)
    const tfidf = TfIdf.withDict(idf)
    // Stop words are filtered here rather than through setConfig: the binding cannot take a set of them.
    tfidf.setConfig({ minKeywordLength: 2, useHmm: false })
    loaded = { jieba, tfidf }
  }
  return loaded
}

/** The text's words with their TF-IDF weights, at most `limit` of them, heaviest first. */
export function weighedWords(text: string, limit: number): Map<string, number> {
  const { jieba, tfidf } = segmenter()
  const words = new Map<string, number>()
  for (const { keyword, weight } of tfidf.extractKeywords(jieba, text, limit + 10)) {
    if (words.size === limit) break
    if (!STOP.has(keyword) && /^[\p{Script=Han}\p{L}\p{N}]+$/u.test(keyword)) words.set(keyword, weight)
  }
  return words
}
