import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN, ConsoleHarness, json } from './support.js'

let h: ConsoleHarness | undefined
afterEach(async () => {
  await h?.stop()
  h = undefined
})

async function waiting(h: ConsoleHarness): Promise<string> {
  return (await h.get('/review')).text()
}

describe('the review queue in the console is the one in chat', () => {
  it('approves in the console: the room gets the highlight and the chat command sees it approved', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    await h.login()
    expect(await waiting(h)).toContain('【1】怎样坚持早起')
    const approved = await h.post('/review/1/approve')
    expect(approved.status).toBe(303)
    expect(approved.headers.get('location')).toBe('/review')
    const page = await waiting(h)
    expect(page).toContain('已通过：精华 1「怎样坚持早起」')
    expect(page).toContain('没有等待审核的精华')
    // The room got the post, through the same outbox as a chat approval.
    const log = await (await h.get('/outbox')).text()
    expect(log).toContain('【精华】怎样坚持早起')
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 审核`)).toContain('没有等待审核的精华')
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 通过 1`)).toContain('已经发布过了')
    expect(await h.chat.say('小明: /精华')).toContain('怎样坚持早起')
    const detail = await (await h.get('/highlights/1')).text()
    expect(detail).toContain(`审核：${ADMIN}`)
  })

  it('approves in chat: the console no longer lists it and refuses to approve it again, in words', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    await h.login()
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 通过 1`)).toContain('【精华】怎样坚持早起')
    expect(await waiting(h)).not.toContain('【1】')
    await h.post('/review/1/approve')
    expect(await waiting(h)).toContain('精华 1 已经发布过了，不用再审核。')
    const api = await json(await h.api('/api/highlights/1'))
    expect(api).toMatchObject({ id: '1', status: 'posted', reviewedBy: ADMIN })
  })

  it('edits a line in the console and the chat review shows the new line, and the other way round', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    await h.login()
    expect((await h.post('/review/1/edit', { line: '1', text: '关键是前一晚早睡' })).status).toBe(303)
    expect(await waiting(h)).toContain('已修改：精华 1')
    expect(await json(await h.api('/api/highlights/1'))).toMatchObject({
      reviewedBy: ADMIN,
      status: 'waiting',
    })
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 审核`)).toContain('1. 关键是前一晚早睡')
    await h.chat.say(`:dm ${ADMIN}: /精华 修改 1 1 睡前放下手机`)
    expect(await waiting(h)).toContain('睡前放下手机')
    await h.post('/review/1/edit', { line: '99', text: 'x' })
    expect(await waiting(h)).toMatch(/精华 1 一共 \d+ 条/)
    // The title too, in either place.
    await h.post('/review/1/title', { title: '早起经验谈' })
    expect(await waiting(h)).toContain('已修改：精华 1「早起经验谈」')
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 审核`)).toContain('【1】早起经验谈')
    await h.post('/review/1/title', { title: '  ' })
    expect(await waiting(h)).toContain('新标题不能是空的')
  })

  it('drops in the console: the chat no longer has it to review, and members never see it', async () => {
    h = await ConsoleHarness.start()
    await h.discuss('怎样坚持早起')
    await h.login()
    await h.post('/review/1/drop')
    expect(await waiting(h)).toContain('已删除：精华 1')
    expect(await h.chat.say(`:dm ${ADMIN}: /精华 删除 1`)).toContain('没有找到编号 1')
    expect(await h.chat.say('小明: /精华')).toContain('本群还没有精华')
    const list = await (await h.get('/highlights')).text()
    expect(list).not.toContain('/highlights/1"')
    const dropped = await (await h.get('/highlights?status=dropped')).text()
    expect(dropped).toContain('/highlights/1"')
  })

  it('shows a long queue a page at a time', async () => {
    h = await ConsoleHarness.start()
    for (let i = 1; i <= 21; i++) await h.discuss(`话题${i}`, [`小明: 第${i}个话题我先说两句。`])
    await h.login()
    const first = await waiting(h)
    expect(first).toContain('共 21 条等待审核，第 1 / 2 页')
    expect(first.match(/class="card review"/gu)).toHaveLength(20)
    expect(first).toContain('href="/review?page=2"')
    const second = await (await h.get('/review?page=2')).text()
    expect(second.match(/class="card review"/gu)).toHaveLength(1)
    expect((await h.get('/review?page=abc')).status).toBe(400)
  })

  it('answers a review of a highlight that does not exist in words, and a malformed id as not found', async () => {
    h = await ConsoleHarness.start()
    await h.login()
    await h.post('/review/42/approve')
    expect(await waiting(h)).toContain('没有找到编号 42 的精华')
    expect((await h.get('/highlights/abc')).status).toBe(404)
    expect((await h.get('/highlights/99')).status).toBe(404)
  })
})
