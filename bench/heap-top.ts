import { readFileSync } from 'node:fs'
import { type CallFrame, frameLabel, profileArgs } from './frames.js'

/**
 * `npx tsx bench/heap-top.ts FILE.heapprofile [N]`: where a side allocates, from the sampling heap
 * profile `npm run bench -- --profile DIR` writes beside each CPU profile. Collected objects are included,
 * so the figures are allocation volume (what drives garbage collection), not what stayed alive.
 */

interface HeapNode {
  callFrame: CallFrame
  selfSize: number
  children: HeapNode[]
}

const { file, top } = profileArgs('npx tsx bench/heap-top.ts FILE.heapprofile [N]')
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode }

const self = new Map<string, number>()
/** Allocation under each frame, its callees included (each frame counted once per stack). */
const total = new Map<string, number>()
let all = 0
function walk(n: HeapNode, stack: string[]): void {
  const l = frameLabel(n.callFrame)
  all += n.selfSize
  self.set(l, (self.get(l) ?? 0) + n.selfSize)
  const inner = stack.includes(l) ? stack : [...stack, l]
  if (n.selfSize > 0) for (const frame of inner) total.set(frame, (total.get(frame) ?? 0) + n.selfSize)
  for (const c of n.children) walk(c, inner)
}
walk(head, [])

function print(title: string, map: Map<string, number>): void {
  process.stdout.write(`\n${title} (of ${(all / 2 ** 20).toFixed(0)} MB sampled)\n`)
  for (const [name, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${((100 * bytes) / all).toFixed(1).padStart(5)}%  ${(bytes / 2 ** 20).toFixed(1).padStart(7)} MB  ${name}\n`,
    )
  }
}

print('allocated by frame', self)
print('allocated under frame', total)
