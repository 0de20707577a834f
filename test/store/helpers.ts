import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'

const created: string[] = []

/** A fresh temp directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qunbot-store-'))
  created.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** Runs a fixture script in a separate Node process and returns its standard output. */
export function runFixture(name: string, args: string[]): string {
  const script = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
  return execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' })
}
