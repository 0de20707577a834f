/** Formats the bot's output as the sandbox protocol's output lines. */
export function formatOutput(where: string, botName: string, text: string, notice = false): string[] {
  const lines = text.replace(/\u2005/g, ' ').split('\n')
  const head = `[${where}] ${botName}${notice ? ' 公告' : ''}: ${lines[0] ?? ''}`
  return [head, ...lines.slice(1).map((l) => `  ${l}`)]
}

export function directWhere(name: string): string {
  return `私聊 ${name}`
}
