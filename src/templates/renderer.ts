import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import nunjucks from 'nunjucks'

export interface TemplateRoot {
  dir: string
  /** templates in `dir` are addressed as `<namespace>/<file>`; none = addressed as they lie */
  namespace?: string
}

/**
 * One nunjucks environment over the operator's overrides, the shared `prompts/` folder and each plugin's
 * templates. User text is only ever passed as a variable: nothing a member types is compiled.
 */
export class TemplateRenderer {
  private readonly env: nunjucks.Environment
  private readonly roots: TemplateRoot[] = []

  constructor(roots: TemplateRoot[]) {
    this.env = new nunjucks.Environment(new NamespacedLoader(this.roots), {
      autoescape: false,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    })
    for (const root of roots) this.addRoot(root)
  }

  addRoot(root: TemplateRoot): void {
    if (existsSync(root.dir)) this.roots.push(root)
  }

  has(name: string): boolean {
    return this.roots.some((root) => resolveIn(root, name) !== undefined)
  }

  /** Renders and trims the result; chat messages never end in blank lines. */
  render(name: string, vars: Record<string, unknown> = {}): string {
    return this.env.render(name, vars).trim()
  }
}

function resolveIn(root: TemplateRoot, name: string): string | undefined {
  let relative = name
  if (root.namespace) {
    if (!name.startsWith(`${root.namespace}/`)) return undefined
    relative = name.slice(root.namespace.length + 1)
  }
  if (relative.includes('..')) return undefined
  const full = `${root.dir}/${relative}`
  return existsSync(full) ? full : undefined
}

class NamespacedLoader extends nunjucks.Loader implements nunjucks.ILoader {
  constructor(private readonly roots: TemplateRoot[]) {
    super()
  }

  getSource(name: string): nunjucks.LoaderSource {
    for (const root of this.roots) {
      const full = resolveIn(root, name)
      if (full) {
        // Compiled once per process: the hot path renders replies; edits take effect after a restart.
        return { src: readFileSync(full, 'utf8'), path: full, noCache: false }
      }
    }
    throw new Error(`template not found: ${name}`)
  }
}

/** `prompts/` with the operator's overrides under `<data>/templates/` in front: the bot's own words. */
export function sharedTemplates(projectRoot: string, dataDir: string | null): TemplateRenderer {
  return new TemplateRenderer([
    ...(dataDir ? [{ dir: join(dataDir, 'templates') }] : []),
    { dir: join(projectRoot, 'prompts') },
  ])
}
