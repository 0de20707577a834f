import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the server answers to one request; anything left out is a normal 200 completion. */
export interface ScriptedAnswer {
  status?: number
  headers?: Record<string, string>
  /** the assistant message's content (for a 200), or the raw body when `raw` is set */
  content?: string
  raw?: string
  /** milliseconds to wait before answering */
  delayMs?: number
  usage?: { prompt_tokens: number; completion_tokens: number }
}

export interface ReceivedRequest {
  path: string
  headers: IncomingMessage['headers']
  body: {
    model: string
    messages: Array<{ role: string; content: string }>
    response_format?: { type: string }
    [key: string]: unknown
  }
}

/**
 * A real HTTP server on 127.0.0.1 speaking OpenAI's chat-completions protocol: each request takes the next
 * scripted answer (or `fallback` once they run out) and is recorded, so tests assert on what the client sent.
 */
export class LlmTestServer {
  readonly received: ReceivedRequest[] = []
  private readonly script: ScriptedAnswer[] = []
  fallback: ScriptedAnswer | ((request: ReceivedRequest) => ScriptedAnswer) = { content: '{}' }

  private constructor(private readonly server: Server) {}

  static async start(): Promise<LlmTestServer> {
    const server = createServer()
    const llm = new LlmTestServer(server)
    server.on('request', (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        let body: ReceivedRequest['body']
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          res.writeHead(400).end('{"error":{"message":"bad json"}}')
          return
        }
        const request = { path: req.url ?? '', headers: req.headers, body }
        llm.received.push(request)
        const next =
          llm.script.shift() ?? (typeof llm.fallback === 'function' ? llm.fallback(request) : llm.fallback)
        const send = () => {
          if (res.destroyed) return
          const status = next.status ?? 200
          const payload =
            next.raw ??
            (status === 200
              ? JSON.stringify({
                  id: `chatcmpl-${llm.received.length}`,
                  object: 'chat.completion',
                  created: Math.floor(Date.now() / 1000),
                  model: body.model,
                  choices: [
                    {
                      index: 0,
                      message: { role: 'assistant', content: next.content ?? '' },
                      finish_reason: 'stop',
                    },
                  ],
                  usage: {
                    prompt_tokens: next.usage?.prompt_tokens ?? 100,
                    completion_tokens: next.usage?.completion_tokens ?? 50,
                    total_tokens: (next.usage?.prompt_tokens ?? 100) + (next.usage?.completion_tokens ?? 50),
                  },
                })
              : JSON.stringify({ error: { message: `scripted ${status}`, type: 'server_error' } }))
          res.writeHead(status, { 'content-type': 'application/json', ...next.headers }).end(payload)
        }
        if (next.delayMs) setTimeout(send, next.delayMs)
        else send()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return llm
  }

  /** The base URL to give the client (`OPENAI_BASE_URL`). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`
  }

  /** Queues answers for the next requests, in order. */
  answer(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers)
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
