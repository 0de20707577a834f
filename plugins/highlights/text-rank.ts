/**
 * TextRank: PageRank over a weighted, undirected graph of sentence similarities. A sentence ranks high when it
 * resembles many sentences that themselves rank high, i.e. when it states what the discussion keeps coming
 * back to. `similarity` is a square, symmetric matrix with a zero diagonal.
 */
export function textRank(similarity: readonly Float64Array[], damping = 0.85, iterations = 30): Float64Array {
  const n = similarity.length
  const rank = new Float64Array(n).fill(1 / Math.max(n, 1))
  if (n === 0) return rank
  const outWeight = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (const weight of similarity[i]!) sum += weight
    outWeight[i] = sum
  }
  let next = new Float64Array(n)
  let current = rank
  for (let round = 0; round < iterations; round++) {
    // A sentence like no other (no edges) spreads its rank evenly, as PageRank does for dangling pages.
    let dangling = 0
    for (let j = 0; j < n; j++) if (outWeight[j] === 0) dangling += current[j]!
    let change = 0
    for (let i = 0; i < n; i++) {
      const row = similarity[i]!
      let sum = 0
      for (let j = 0; j < n; j++) {
        const weight = row[j]!
        if (weight > 0) sum += (weight / outWeight[j]!) * current[j]!
      }
      const value = (1 - damping) / n + damping * (sum + dangling / n)
      change += Math.abs(value - current[i]!)
      next[i] = value
    }
    ;[current, next] = [next, current]
    if (change < 1e-6) break
  }
  return current
}
