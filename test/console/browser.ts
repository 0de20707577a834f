import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../support/harness.js'

/**
 * The browser tests drive the system's Chromium (Debian: `apt-get install -y chromium`), never a downloaded
 * one: CHROMIUM_PATH names it, else the usual places are tried. Without one the tests are skipped and say
 * so loudly, unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.CHROMIUM_PATH?.trim()
  if (named) return existsSync(named) ? named : undefined
  return CANDIDATES.find((path) => existsSync(path))
}

export const browserRequired = process.env.REQUIRE_BROWSER === '1'

/** Where a test's screenshots go: test-results/<suite>/, kept out of git. */
export function outputDir(suite: string): string {
  const dir = join(projectRoot, 'test-results', suite)
  mkdirSync(dir, { recursive: true })
  return dir
}
