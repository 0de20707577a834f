import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { type CallFrame, frameLabel, profileArgs } from './frames.js'

/**
 * `npx tsx bench/profile-top.ts FILE.cpuprofile [N]`: the top frames of a V8 CPU profile (from
 * `npm run bench -- --profile DIR` or `node --cpu-prof`), by package or file, by self time and by total time (a frame's time including what it called, counted once
 * per sample however deep the recursion).
 */

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const { file, top } = profileArgs('npx tsx bench/profile-top.ts FILE.cpuprofile [N]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

function label(n: ProfileNode): string {
  return frameLabel(n.callFrame)
}

/** The package (node_modules/x or @scope/x) or the project file a frame belongs to. */
function owner(n: ProfileNode): string {
  const url = n.callFrame.url.replace(/^file:\/\//, '')
  if (url === '') return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const parts = url.slice(nm + 13).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string)
  }
  if (url.startsWith('node:')) return 'node internals'
  return relative(process.cwd(), url)
}

const self = new Map<string, number>()
const byOwner = new Map<string, number>()
const total = new Map<string, number>()
let all = 0
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0
  all += dt
  const leaf = byId.get(id)
  if (!leaf) return
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt)
  byOwner.set(owner(leaf), (byOwner.get(owner(leaf)) ?? 0) + dt)
  const seen = new Set<string>()
  for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
    const l = label(n)
    if (seen.has(l)) continue
    seen.add(l)
    total.set(l, (total.get(l) ?? 0) + dt)
  }
})

function print(title: string, map: Map<string, number>): void {
  process.stdout.write(`\n${title} (of ${(all / 1000).toFixed(0)} ms sampled)\n`)
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${((100 * us) / all).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}\n`,
    )
  }
}

print('self time by package or file', byOwner)
print('self time', self)
print('total time', total)
