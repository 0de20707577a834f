/**
 * The picture puzzles of the starter pack, written for this project: each idiom drawn as the emoji that
 * spell it out (Fluent Emoji Flat, MIT). The first hint adds the idiom's first character to the picture; the
 * second is words.
 */
export interface PuzzleSpec {
  answer: string
  aliases?: string[]
  /** Fluent Emoji Flat icon names, left to right */
  emoji: string[]
  hint: string
}

export const PUZZLES: PuzzleSpec[] = [
  { answer: '对牛弹琴', emoji: ['ox', 'violin'], hint: '对着不懂的人讲道理' },
  { answer: '画蛇添足', emoji: ['artist-palette', 'snake', 'foot'], hint: '多此一举' },
  { answer: '守株待兔', emoji: ['wood', 'rabbit'], hint: '等着好运自己撞上门' },
  { answer: '井底之蛙', emoji: ['hole', 'frog'], hint: '见识很少的人' },
  {
    answer: '一石二鸟',
    aliases: ['一箭双雕'],
    emoji: ['keycap-1', 'rock', 'keycap-2', 'bird'],
    hint: '一个举动得到两个好处',
  },
  { answer: '鸡飞蛋打', emoji: ['chicken', 'egg', 'collision'], hint: '两头落空' },
  {
    answer: '亡羊补牢',
    emoji: ['ewe', 'hammer', 'house'],
    hint: '出了问题赶紧补救，还不算晚',
  },
  { answer: '火上浇油', emoji: ['fire', 'oil-drum'], hint: '让事情更糟' },
  {
    answer: '杯弓蛇影',
    emoji: ['wine-glass', 'bow-and-arrow', 'snake'],
    hint: '疑神疑鬼，自己吓自己',
  },
  { answer: '如鱼得水', emoji: ['fish', 'droplet'], hint: '到了最适合自己的地方' },
  { answer: '马到成功', emoji: ['horse', 'trophy'], hint: '一开始就取得成功' },
  { answer: '虎头蛇尾', emoji: ['tiger-face', 'snake'], hint: '开头很好，结尾草草' },
  {
    answer: '鸡同鸭讲',
    emoji: ['chicken', 'duck', 'speech-balloon'],
    hint: '说了半天谁也听不懂谁',
  },
  { answer: '狐假虎威', emoji: ['fox', 'tiger'], hint: '借别人的势力吓唬人' },
  {
    answer: '七上八下',
    emoji: ['keycap-7', 'up-arrow', 'keycap-8', 'down-arrow'],
    hint: '心里很不安',
  },
  {
    answer: '风花雪月',
    emoji: ['wind-face', 'cherry-blossom', 'snowflake', 'crescent-moon'],
    hint: '四样美景',
  },
  {
    answer: '五湖四海',
    emoji: ['keycap-5', 'national-park', 'keycap-4', 'water-wave'],
    hint: '来自全国各地',
  },
  {
    answer: '猴年马月',
    emoji: ['monkey', 'calendar', 'horse', 'crescent-moon'],
    hint: '不知道要等到什么时候',
  },
  {
    answer: '画龙点睛',
    emoji: ['artist-palette', 'dragon', 'eye'],
    hint: '关键处一笔，让整体生动',
  },
  {
    answer: '车水马龙',
    emoji: ['automobile', 'droplet', 'horse', 'dragon'],
    hint: '街上很热闹',
  },
  {
    answer: '口是心非',
    emoji: ['mouth', 'check-mark-button', 'red-heart', 'cross-mark'],
    hint: '嘴上说的和心里想的不一样',
  },
  {
    answer: '一箭双雕',
    emoji: ['keycap-1', 'bow-and-arrow', 'keycap-2', 'eagle'],
    hint: '一次射中两只',
  },
  {
    answer: '手舞足蹈',
    emoji: ['raising-hands', 'woman-dancing', 'foot'],
    hint: '高兴得不得了',
  },
  {
    answer: '山清水秀',
    emoji: ['mountain', 'droplet', 'cherry-blossom'],
    hint: '风景很美',
  },
  {
    answer: '龙马精神',
    emoji: ['dragon', 'horse', 'flexed-biceps'],
    hint: '老当益壮，精神好',
  },
  {
    answer: '鸟语花香',
    emoji: ['bird', 'speech-balloon', 'cherry-blossom', 'nose'],
    hint: '春天的景色',
  },
]
