/**
 * Token counts estimated without the model's tokenizer (each service has its own, and none ships here).
 * Chinese runs about one token per character in the tokenizers of DeepSeek, Qwen and OpenAI's cl100k, and
 * other text about one per four characters; erring high keeps a prompt inside the context.
 */
export function estimateTokens(text: string): number {
  let cjk = 0
  for (const char of text) if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char)) cjk++
  return cjk + Math.ceil((text.length - cjk) / 4)
}

const CUT_MARK = '…（太长，已截断）'

/**
 * Packs consecutive items into chunks whose estimated tokens stay within `budget`, keeping their order. An item
 * is never split across chunks; one that alone is over the budget is cut, with a mark, into a chunk of its own.
 */
export function splitToBudget(items: string[], budget: number): string[][] {
  const chunks: string[][] = []
  let current: string[] = []
  let used = 0
  for (const item of items) {
    let text = item
    let cost = estimateTokens(text) + 1
    if (cost > budget) {
      // Cut by characters until it fits: at most one token per character, so this converges quickly.
      let keep = Math.max(1, budget - estimateTokens(CUT_MARK) - 1)
      text = `${Array.from(item).slice(0, keep).join('')}${CUT_MARK}`
      while (estimateTokens(text) + 1 > budget && keep > 1) {
        keep = Math.floor(keep * 0.8)
        text = `${Array.from(item).slice(0, keep).join('')}${CUT_MARK}`
      }
      cost = estimateTokens(text) + 1
    }
    if (used + cost > budget && current.length > 0) {
      chunks.push(current)
      current = []
      used = 0
    }
    current.push(text)
    used += cost
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}
