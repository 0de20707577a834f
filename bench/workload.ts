/**
 * The benchmark's workload: a seeded pseudo-random stream of group messages, identical on both sides of the
 * comparison because both rebuild it from the same seed.
 */

export const ROOMS = 20
export const MEMBERS = 500
export const MEMBERS_PER_ROOM = MEMBERS / ROOMS
export const BOT_NAME = '小助手'
/** Default share of messages that are commands, split evenly between the ping and the counter. */
export const COMMAND_SHARE = 0.1
export const PING = '/在吗'
export const COUNT = '/计数'

export type Kind = 'chat' | 'ping' | 'count'

export interface BenchMessage {
  room: number
  /** index into the member list (0..MEMBERS-1) */
  member: number
  kind: Kind
  text: string
}

/** mulberry32: tiny, fast and good enough to pick rooms, members and words. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Plain chat only: a phrase a plugin acts on (打卡 is a check-in) would add commands beyond the 10 % counted.
const PHRASES = [
  '今天的作业交了吗',
  '早上好',
  '大家晚上好',
  '打扰一下',
  '收到',
  '明天几点开始上课',
  '这个问题我也不太懂',
  '谢谢老师',
  '哈哈哈哈',
  '我先去吃饭了',
  '有人一起复习吗',
  '周末有空的可以约一下',
  '链接打不开怎么办',
  '这道题的答案是多少',
  '辛苦了',
  '请问资料在哪里下载',
  '我刚看到消息',
  '好的没问题',
  '下午三点开会',
  '记得按时提交',
  '群里有人知道吗',
  '我觉得这个方法挺好',
  '第二章看完了',
  '加油',
  '晚安',
]
const PUNCTUATION = ['，', '。', '！', '？', '～', '、']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇晨欣怡'

/** 500 distinct three-character names, so a reply can be matched to its asker by name. */
export function memberNames(seed: number): string[] {
  const random = prng(seed ^ 0x5eed)
  const names = new Set<string>()
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)] as string
  while (names.size < MEMBERS) names.add(pick(SURNAMES) + pick(GIVEN) + pick(GIVEN))
  return [...names]
}

/** Chinese chat text of exactly `length` characters. */
function chatText(random: () => number, length: number): string {
  let text = ''
  while (text.length < length) {
    text += PHRASES[Math.floor(random() * PHRASES.length)]
    text += PUNCTUATION[Math.floor(random() * PUNCTUATION.length)]
  }
  return text.slice(0, length)
}

/** The endless message stream for a seed; call it once per message, in order. */
export function messageStream(seed: number, commandShare = COMMAND_SHARE): () => BenchMessage {
  const random = prng(seed)
  return () => {
    const room = Math.floor(random() * ROOMS)
    const member = room * MEMBERS_PER_ROOM + Math.floor(random() * MEMBERS_PER_ROOM)
    const r = random()
    if (r < commandShare / 2) return { room, member, kind: 'ping', text: PING }
    if (r < commandShare) return { room, member, kind: 'count', text: COUNT }
    return { room, member, kind: 'chat', text: chatText(random, 5 + Math.floor(random() * 56)) }
  }
}
