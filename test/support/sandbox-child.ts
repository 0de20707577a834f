/**
 * Runs the sandbox (bundled plugins + the clock test plugin) in its own process, so tests can check that
 * state and schedules written by one process are read back by the next.
 * argv: <dataDir> <startAt ISO> <line> [<line> ...]; prints startup output then every line's output.
 */
import { bundledPlugins } from '../../src/plugins.js'
import { clockPlugin } from './clock-plugin.js'
import { TestChat } from './harness.js'

const [dataDir, startAt, ...lines] = process.argv.slice(2)
const chat = await TestChat.start({
  dataDir,
  startAt: startAt ? new Date(startAt) : undefined,
  plugins: [...bundledPlugins([]), clockPlugin],
})
for (const out of chat.sandbox.startupOutput) process.stdout.write(`${out}\n`)
for (const line of lines) for (const out of await chat.line(line)) process.stdout.write(`${out}\n`)
await chat.stop()
process.exit(0)
