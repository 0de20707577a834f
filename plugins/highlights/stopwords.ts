/**
 * Words that say nothing about what a discussion is about: pronouns, particles, conjunctions, fillers of
 * spoken and chat Chinese, separated by spaces. Compared after traditional → simplified and
 * lower-casing, so only simplified forms are listed.
 * Kept as code, not a file read at run time, so the summariser needs nothing but its imports.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `
的 了 着 过 地 得 之 和 与 及 或 而 且 并 也 又 还 就 才 都
只 再 很 太 更 最 挺 好 真 蛮 超 非常 特别 比较 有点 一点 一些 有些 一下 一个
一种 一样 一直 一起 一定 一般 这 那 哪 这个 那个 哪个 这些 那些 哪些 这样 那样 怎样 这么 那么
怎么 怎么样 什么 为什么 为何 如何 多少 几个 哪里 这里 那里 这儿 那儿 我 你 您 他 她 它 我们
你们 他们 她们 它们 咱们 大家 自己 别人 人家 各位 的话 是 不是 是不是 有 没有 没 不 别 会
能 能够 可以 可能 应该 需要 要 想 让 把 被 给 对 对于 关于 在 从 向 往 到
于 以 为 为了 因为 所以 因此 但是 但 可是 不过 然而 然后 而且 并且 如果 要是 假如 虽然 即使
还是 或者 以及 而是 就是 就是说 也就是说 其实 确实 当然 反正 其他 其它 另外 另一方面 总之 比如 比如说 例如 等等
等 之类 之后 之前 以后 以前 的时候 时候 现在 今天 刚才 刚刚 已经 正在 一边 同时 马上 还有 这种 那种
各种 每个 所有 任何 某些 呢 吗 吧 啊 呀 哦 噢 喔 嗯 哈 哈哈 哈哈哈 呵呵 嘿 哎
唉 诶 欸 啦 嘛 呗 咯 哇 嘻嘻 嗯嗯 额 呃 嗷 哟 喂 么 了吧 对吧 是吧 好吧
对不对 是的 对的 好的 收到 谢谢 感谢 ok okay yes no the a an of to and is it in
觉得 感觉 认为 知道 说 讲 看 看看 来 去 做 弄 搞 用 出来 起来 下来 上来 进去 一下子
东西 事情 问题 情况 方面 部分 东西 这边 那边 之间 当中 里面 上面 下面 前面 后面 非常感谢 好像 似乎 大概
也许 或许 肯定 一定要 必须 得了 罢了 而已 而言 来说 来讲 方面 程度 那就 就是了 这就 那是 这是 今晚 明天
昨天 今年 明年 去年 上周 下周 这周 本周
`
    .split(/\s+/u)
    .filter(Boolean),
)
