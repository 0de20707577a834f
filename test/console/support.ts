import { backendOf } from '../../src/console/data.js'
import { type RunningConsole, startConsole } from '../../src/console/server.js'
import { type ChatOptions, TestChat } from '../support/harness.js'

/** A JSON answer, read loosely: the tests check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: tests read API answers field by field
export type Json = any

export const json = (response: Response | undefined): Promise<Json> =>
  response ? response.json() : Promise.resolve(undefined)

export const TOKEN = 'test-console-token-0123456789'
export const ADMIN = '运营小李'
export const START = new Date('2026-12-04T01:00:00Z')

/** A short discussion, five members. */
export const DISCUSSION = [
  '小明: 我觉得早起最难的是前一天晚上早睡，手机一放下就好了。',
  '小红: 我试过闹钟放远一点，必须下床才能关，这个办法很有效！',
  '阿杰: 早上起来先喝一杯温水，人会清醒很多。',
  '小明: 周末要不要也按时起？我总是周末就破功了。',
  '小红: 周末可以晚半小时，但别睡到中午，不然周一很痛苦。',
  '阿杰: 我们可以在群里打卡互相监督，谁先起床谁发个早安。',
]

/**
 * The real bot on the mock puppet with the console over it, on a free port, and a client that signs in as
 * a browser would (cookie + CSRF token) or calls the API with the token.
 */
export class ConsoleHarness {
  cookie = ''
  csrf = ''

  private constructor(
    readonly chat: TestChat,
    readonly console: RunningConsole,
  ) {}

  static async start(options: ChatOptions = {}): Promise<ConsoleHarness> {
    const chat = await TestChat.start({
      startAt: START,
      ...options,
      config: { admins: [ADMIN], plugins: { highlights: { review: true } }, ...options.config },
    })
    await chat.script(`:room 训练营1组\n:owner 王老师\n:join ${ADMIN}`)
    const running = await startConsole(backendOf(chat.sandbox.bot), {
      port: 0,
      host: '127.0.0.1',
      admins: [ADMIN],
      token: TOKEN,
    })
    return new ConsoleHarness(chat, running)
  }

  get url(): string {
    return this.console.url
  }

  /** A topic discussed and closed in the current room: a highlight waiting for review (review is on). */
  async discuss(title: string, lines: string[] = DISCUSSION): Promise<void> {
    await this.chat.say(`王老师: /话题 ${title}`)
    await this.chat.script(lines.join('\n'))
    await this.chat.say('王老师: /话题 结束')
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, { redirect: 'manual', ...init })
  }

  /** GET as the signed-in browser. */
  get(path: string): Promise<Response> {
    return this.fetch(path, { headers: { cookie: this.cookie } })
  }

  /** GET with the API token. */
  api(path: string): Promise<Response> {
    return this.fetch(path, { headers: { authorization: `Bearer ${TOKEN}` } })
  }

  /** POST a form as the signed-in browser; the session's CSRF token goes along unless told otherwise (null: none). */
  post(
    path: string,
    fields: Record<string, string> = {},
    csrf: string | null = this.csrf,
  ): Promise<Response> {
    const body = new URLSearchParams(csrf === null ? fields : { ...fields, _csrf: csrf })
    return this.fetch(path, { method: 'POST', body, headers: { cookie: this.cookie } })
  }

  async login(name = ADMIN, token = TOKEN): Promise<Response> {
    const response = await this.fetch('/login', {
      method: 'POST',
      body: new URLSearchParams({ name, token }),
    })
    const cookie = response.headers.get('set-cookie')
    if (cookie) {
      this.cookie = cookie.split(';')[0] as string
      const page = await (await this.get('/review')).text()
      this.csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''
    }
    return response
  }

  async stop(): Promise<void> {
    await this.console.close()
    await this.chat.stop()
  }
}

/** Chat text that would run, or be read as a template, if it were ever put in a page as it is. */
export const SAMPLES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[点我](javascript:alert(1)) <a href="javascript:alert(1)">链接</a>',
  '{{ 7*7 }} {% raw %}x{% endraw %}',
]

/** A highlight whose title, points and contributor name are all hostile. */
export async function hostileHighlight(h: ConsoleHarness): Promise<void> {
  await h.chat.say('王老师: /话题 <img src=x onerror=alert(1)>')
  await h.chat.script(
    [
      '<script>alert(1)</script>: 我觉得早起最难的是前一天晚上早睡。',
      '小红: 闹钟放远一点，必须下床才能关，这个办法很有效！',
      '阿杰: 早上起来先喝一杯温水，人会清醒很多。',
      '小红: 周末可以晚半小时，但别睡到中午。',
    ].join('\n'),
  )
  await h.chat.say('王老师: /话题 结束')
  for (const [i, sample] of SAMPLES.entries()) {
    await h.chat.say(`:dm ${ADMIN}: /精华 修改 1 ${i + 1} ${sample}`)
  }
}
