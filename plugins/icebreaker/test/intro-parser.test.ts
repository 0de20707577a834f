import { describe, expect, it } from 'vitest'
import { DEFAULT_INTRO_FIELDS, DEFAULT_SYNONYMS, mergeSynonyms } from '../intro-fields.js'
import { parseIntro } from '../intro-parser.js'

const N = '昵称'
const F = '最喜欢吃的食物'
const H = '空闲时喜欢做什么'
const DEFAULT = [...DEFAULT_INTRO_FIELDS]
const SYNONYMS = mergeSynonyms(DEFAULT_SYNONYMS, {})

interface Row {
  name: string
  text: string
  fields?: string[]
  /** left out for chat, where only "not an intro" matters, not what the parser made of it */
  values?: Record<string, string>
  missing?: string[]
  attempt: boolean
  complete: boolean
}

const FULL = { missing: [], attempt: true, complete: true }
const FULL_VALUES = { [N]: '小明', [F]: '火锅', [H]: '看书' }

const rows: Row[] = [
  // Structured, default labels
  {
    name: 'canonical, full-width colons',
    text: '昵称：小明\n最喜欢吃的食物：火锅\n空闲时喜欢做什么：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'half-width colons and spaces',
    text: '昵称: 小明\n最喜欢吃的食物 : 火锅\n空闲时喜欢做什么:看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'CRLF line ends',
    text: '昵称：小明\r\n最喜欢吃的食物：火锅\r\n空闲时喜欢做什么：看书\r\n',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'labels in another order',
    text: '空闲时喜欢做什么：看书\n昵称：小明\n最喜欢吃的食物：火锅',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'one line with Chinese commas',
    text: '昵称：小明，最喜欢吃的食物：火锅，空闲时喜欢做什么：看书。',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'one line with ; | /',
    text: '昵称:小明; 最喜欢吃的食物:火锅 | 空闲时喜欢做什么:看书 / 谢谢',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'one line, full-width semicolons',
    text: '昵称：小明；最喜欢吃的食物：火锅；空闲时喜欢做什么：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'one line, spaces only',
    text: '昵称 小明 最喜欢吃的食物 火锅 空闲时喜欢做什么 看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'ideographic spaces',
    text: '昵称\u3000小明\u3000爱吃\u3000火锅\u3000爱好\u3000看书',
    values: FULL_VALUES,
    ...FULL,
  },
  { name: '= and - separators', text: '昵称=小明\n爱吃 - 火锅\n爱好——看书', values: FULL_VALUES, ...FULL },
  {
    name: '是 as separator',
    text: '昵称是小明，最喜欢吃的食物是火锅，空闲时喜欢做什么是看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'bracketed labels',
    text: '【昵称】小明【最喜欢吃的食物】火锅【空闲时喜欢做什么】看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'answers on the line below',
    text: '昵称：\n小明\n最喜欢吃的食物：\n火锅\n空闲时喜欢做什么：\n\n看书',
    values: FULL_VALUES,
    ...FULL,
  },
  // Traditional characters and width
  {
    name: 'traditional (Taiwan)',
    text: '暱稱：小明\n最喜歡吃的食物：火鍋\n空閒時喜歡做什麼：看書',
    values: { [N]: '小明', [F]: '火鍋', [H]: '看書' },
    ...FULL,
  },
  {
    name: 'traditional (Hong Kong 閑 / 甚麼)',
    text: '暱稱：阿明\n最喜歡吃的食物：點心\n空閑時喜歡做甚麼：打機',
    values: { [N]: '阿明', [F]: '點心', [H]: '打機' },
    ...FULL,
  },
  {
    name: 'full-width letters kept as written',
    text: '昵称：ＴＯＭ，爱吃：ｐｉｚｚａ，爱好：ｃｏｄｉｎｇ',
    values: { [N]: 'ＴＯＭ', [F]: 'ｐｉｚｚａ', [H]: 'ｃｏｄｉｎｇ' },
    ...FULL,
  },
  {
    name: 'mixed English values',
    text: '名字:Tom, 爱吃: pizza, 爱好: coding',
    values: { [N]: 'Tom', [F]: 'pizza', [H]: 'coding' },
    ...FULL,
  },
  // Chatter and emoji
  {
    name: 'chatter before and after',
    text: '大家好！新人报到～\n昵称：小明\n最喜欢吃的食物：火锅\n空闲时喜欢做什么：看书\n请多多关照🙏',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'chatter line between fields',
    text: '昵称：小明\n（刚进群有点紧张）\n最喜欢吃的食物：火锅\n空闲时喜欢做什么：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'emoji bullets on one line',
    text: '🌸昵称：小明 🍔美食：火锅 🎮爱好：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'emoji bullets on lines',
    text: '✨昵称：小明✨\n🍲最喜欢吃的食物：火锅\n📚空闲时喜欢做什么：看书~',
    values: { ...FULL_VALUES, [N]: '小明✨' },
    ...FULL,
  },
  {
    name: 'emoji kept inside values',
    text: '昵称：小明😊\n爱吃：火锅🍲和烧烤🍢\n爱好：看书📖',
    values: { [N]: '小明😊', [F]: '火锅🍲和烧烤🍢', [H]: '看书📖' },
    ...FULL,
  },
  {
    name: 'numbered, one line',
    text: '1.昵称：小明 2.爱吃：火锅 3.爱好：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'numbered, many lines',
    text: '1、昵称：小明\n2、最喜欢吃的食物：火锅\n3、空闲时喜欢做什么：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'trailing punctuation trimmed',
    text: '昵称：小明！！\n最喜欢吃的食物：火锅。。。\n空闲时喜欢做什么：看书～～',
    values: FULL_VALUES,
    ...FULL,
  },
  // Synonyms and loose prose
  {
    name: 'synonyms 名字 / 爱吃 / 爱好',
    text: '名字：小明\n爱吃：火锅\n爱好：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'synonyms 网名 / 最爱吃的 / 兴趣爱好',
    text: '网名：小明，最爱吃的：火锅，兴趣爱好：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'combined label 昵称/网名',
    text: '昵称/网名：小明\n食物：火锅\n业余时间：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'prose with commas',
    text: '大家好～我叫小明，最爱吃火锅🍲，平时喜欢看书📚，请多关照！',
    values: { [N]: '小明', [F]: '火锅🍲', [H]: '看书📚' },
    ...FULL,
  },
  { name: 'prose with spaces', text: '我叫小明 爱吃火锅 爱好看书', values: FULL_VALUES, ...FULL },
  {
    name: 'enumeration with 、 stays whole',
    text: '昵称：小明\n爱吃：火锅、烧烤\n爱好：滑雪、徒步、看书',
    values: { [N]: '小明', [F]: '火锅、烧烤', [H]: '滑雪、徒步、看书' },
    ...FULL,
  },
  {
    name: 'comma ends a value (segment rule)',
    text: '昵称：小明\n爱吃：火锅\n爱好：看书，跑步',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'longest label wins',
    text: '最喜欢吃的食物：火锅\n昵称：小明\n空闲时喜欢做什么：看书',
    values: FULL_VALUES,
    ...FULL,
  },
  {
    name: 'value starting with a label word',
    text: '昵称：爱吃鱼的猫\n最喜欢吃的食物：喜欢吃的太多了\n爱好：看书',
    values: { [N]: '爱吃鱼的猫', [F]: '喜欢吃的太多了', [H]: '看书' },
    ...FULL,
  },
  {
    name: 'label word glued inside a value',
    text: '昵称：小明\n爱吃：火锅\n爱好：看美食视频',
    values: { [N]: '小明', [F]: '火锅', [H]: '看美食视频' },
    ...FULL,
  },
  {
    name: 'repeated field word is chatter',
    text: '昵称：小明，爱吃：火锅，爱好：摄影，对AI也很感兴趣',
    values: { [N]: '小明', [F]: '火锅', [H]: '摄影' },
    ...FULL,
  },
  {
    name: 'brackets in a value',
    text: '昵称：小明（小名明明）\n爱吃：火锅\n爱好：看书',
    values: { [N]: '小明（小名明明）', [F]: '火锅', [H]: '看书' },
    ...FULL,
  },
  {
    name: 'value capped at 60 characters',
    text: `昵称：小明\n爱吃：${'火'.repeat(80)}\n爱好：看书`,
    values: { [N]: '小明', [F]: '火'.repeat(60), [H]: '看书' },
    ...FULL,
  },
  // Partial intros
  {
    name: 'nickname alone with colon',
    text: '昵称：小明',
    values: { [N]: '小明' },
    missing: [F, H],
    attempt: true,
    complete: false,
  },
  {
    name: 'two fields without colons',
    text: '我叫小明，爱吃火锅',
    values: { [N]: '小明', [F]: '火锅' },
    missing: [H],
    attempt: true,
    complete: false,
  },
  {
    name: 'template echoed back empty',
    text: '昵称：\n最喜欢吃的食物：\n空闲时喜欢做什么：',
    values: {},
    missing: [N, F, H],
    attempt: true,
    complete: false,
  },
  {
    name: 'one value left empty',
    text: '昵称：小明\n最喜欢吃的食物：\n空闲时喜欢做什么：看书',
    values: { [N]: '小明', [H]: '看书' },
    missing: [F],
    attempt: true,
    complete: false,
  },
  // Ordinary chat
  {
    name: 'chat: favourite food sentence',
    text: '我最喜欢吃的食物是火锅你们呢',
    attempt: false,
    complete: false,
  },
  {
    name: 'chat: same sentence in traditional',
    text: '我最喜歡吃的食物是火鍋你們呢',
    attempt: false,
    complete: false,
  },
  {
    name: 'chat: lunch question',
    text: '今天中午吃什么',
    values: {},
    missing: [N, F, H],
    attempt: false,
    complete: false,
  },
  {
    name: 'chat: me too',
    text: '哈哈哈哈我也爱吃火锅',
    values: { [F]: '火锅' },
    missing: [N, H],
    attempt: false,
    complete: false,
  },
  {
    name: 'chat: two label words, one a question',
    text: '你爱吃什么？我叫外卖',
    attempt: false,
    complete: false,
  },
  {
    name: 'chat: name mentioned',
    text: '这个名字好好听',
    attempt: false,
    complete: false,
  },
  {
    name: 'chat: emoji only',
    text: '😂😂😂👍',
    values: {},
    missing: [N, F, H],
    attempt: false,
    complete: false,
  },
  {
    name: 'run-on prose reads as one value',
    text: '我叫小明爱吃火锅爱好看书',
    attempt: false,
    complete: false,
  },
  // Room templates
  {
    name: 'wrong template: room asks 城市/职业',
    text: '昵称：小明\n最喜欢吃的食物：火锅\n空闲时喜欢做什么：看书',
    fields: ['城市', '职业'],
    values: {},
    missing: ['城市', '职业'],
    attempt: false,
    complete: false,
  },
  {
    name: 'custom fields',
    text: '城市：上海\n职业：程序员\n爱好：跑步',
    fields: ['城市', '职业', '爱好'],
    values: { 城市: '上海', 职业: '程序员', 爱好: '跑步' },
    ...FULL,
  },
  {
    name: 'custom fields via synonyms',
    text: '坐标杭州，做什么工作：设计师，兴趣：摄影',
    fields: ['城市', '职业', '爱好'],
    values: { 城市: '杭州', 职业: '设计师', 爱好: '摄影' },
    ...FULL,
  },
  {
    name: 'custom field, traditional',
    text: '城市：台北\n職業：老師',
    fields: ['城市', '职业'],
    values: { 城市: '台北', 职业: '老師' },
    ...FULL,
  },
  {
    name: 'custom partial',
    text: '城市：北京',
    fields: ['城市', '职业'],
    values: { 城市: '北京' },
    missing: ['职业'],
    attempt: true,
    complete: false,
  },
  {
    name: 'field without synonyms',
    text: '星座：天蝎\n血型：O',
    fields: ['星座', '血型'],
    values: { 星座: '天蝎', 血型: 'O' },
    ...FULL,
  },
  {
    name: 'own field name beats a synonym',
    text: '昵称：小明 兴趣爱好：跑步 空闲时：睡觉',
    fields: ['昵称', '爱好', '空闲时'],
    values: { 昵称: '小明', 爱好: '跑步', 空闲时: '睡觉' },
    ...FULL,
  },
]

describe('parseIntro', () => {
  it('has a large table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
  })

  it.each(rows)('$name', ({ text, fields, values, missing, attempt, complete }) => {
    const result = parseIntro(text, fields ?? DEFAULT, SYNONYMS)
    if (values) expect(result.values).toEqual(values)
    if (missing) expect(result.missing).toEqual(missing)
    expect(result.isAttempt).toBe(attempt)
    expect(result.isComplete).toBe(complete)
  })

  it('accepts extra synonyms from config', () => {
    const synonyms = mergeSynonyms(DEFAULT_SYNONYMS, { 昵称: ['代号'] })
    expect(parseIntro('代号：007', DEFAULT, synonyms).values).toEqual({ [N]: '007' })
  })

  it('treats no fields as nothing to find', () => {
    expect(parseIntro('昵称：小明', [], SYNONYMS)).toEqual({
      values: {},
      missing: [],
      isAttempt: false,
      isComplete: false,
    })
  })

  it('does not match an ASCII label inside a longer word', () => {
    const result = parseIntro('video: cats, id: 42', ['id'], {})
    expect(result.values).toEqual({ id: '42' })
  })

  it('reads 10,000 characters (its cost is in npm run bench:text)', () => {
    const text = '昵称：小明，爱吃：火锅 '.repeat(900).slice(0, 10_000)
    const result = parseIntro(text, DEFAULT, SYNONYMS)
    expect(result.values).toEqual({ [N]: '小明', [F]: '火锅' })
    expect(parseIntro('啊'.repeat(10_000), DEFAULT, SYNONYMS).isAttempt).toBe(false)
  })

  it('keeps the field lists of different rooms apart when sharing one synonym table', () => {
    expect(parseIntro('城市：杭州', ['城市'], SYNONYMS).isComplete).toBe(true)
    expect(parseIntro('城市：杭州', DEFAULT, SYNONYMS).isComplete).toBe(false)
    expect(parseIntro('城市：杭州', ['城市', '职业'], SYNONYMS).missing).toEqual(['职业'])
    expect(parseIntro('城市：杭州', ['城市'], SYNONYMS).isComplete).toBe(true)
  })
})
