import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TemplateRenderer } from './renderer.js'

// Start-up problems (a config mistake, a damaged state file) come before any data folder is known: their
// words are the shipped ones under prompts/console/.
const promptsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prompts')
let words: TemplateRenderer | undefined

/** Renders `prompts/console/<template>.njk`: what the operator reads on the terminal. */
export function consoleWords(template: string, vars: Record<string, unknown> = {}): string {
  words ??= new TemplateRenderer([{ dir: promptsDir }])
  return words.render(`console/${template}.njk`, vars)
}
