/**
 * An error meant for the person who typed the command. `code` names a template: 'icebreaker.no-intro'
 * renders `icebreaker/errors/no-intro.njk` with `vars`, so the wording stays editable.
 *
 * @example
 * throw new UserFacingError('todo.not-found', { id })
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    readonly vars: Record<string, unknown> = {},
  ) {
    super(code)
    this.name = 'UserFacingError'
  }

  get template(): string {
    const dot = this.code.indexOf('.')
    if (dot < 0) return `core/errors/${this.code}.njk`
    return `${this.code.slice(0, dot)}/errors/${this.code.slice(dot + 1)}.njk`
  }
}
