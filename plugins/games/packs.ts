import { z } from 'zod'
import type { PackProblem } from '../../src/index.js'
import { normalizeForMatch } from '../../src/text/normalize.js'

const text = z.string().trim().min(1)

/** A riddle or 脑筋急转弯 in `data/packs/riddles/*.yaml`. */
export const riddleEntry = z
  .strictObject({
    kind: z.enum(['字谜', '物谜', '谜语', '脑筋急转弯']).optional(),
    question: text.max(200),
    answer: text.max(30),
    aliases: z.array(text.max(30)).default([]),
    hint: text.max(100).optional(),
  })
  .refine((r) => !r.hint || normalizeForMatch(r.hint) !== normalizeForMatch(r.answer), {
    message: '提示和答案一样，等于直接公布答案',
    path: ['hint'],
  })

const imageFile = z.string().regex(/\.(png|jpe?g|gif|webp)$/i, '应为图片文件（.png/.jpg/.gif/.webp）')

/** A picture puzzle in `data/packs/pictures/*.yaml`: the image, the answer, and hints (a clearer picture, or words). */
export const pictureEntry = z.strictObject({
  image: imageFile,
  answer: text.max(30),
  aliases: z.array(text.max(30)).default([]),
  hints: z
    .array(z.union([z.strictObject({ image: imageFile }), z.strictObject({ text: text.max(100) })]))
    .default([]),
})

/** The image files a picture puzzle names, for the loader to check. */
export function pictureFiles(entry: PictureEntry): string[] {
  return [entry.image, ...entry.hints.flatMap((h) => ('image' in h ? [h.image] : []))]
}

/** An idiom for 成语接龙, in `data/packs/idioms/*.json`. */
export const idiomEntry = z.strictObject({
  word: z.string().regex(/^\p{Script=Han}{4}$/u, '应为四个汉字'),
  pinyin: z.string().optional(),
})

export type RiddleEntry = z.infer<typeof riddleEntry>
export type IdiomEntry = z.infer<typeof idiomEntry>
export type PictureEntry = z.infer<typeof pictureEntry>

/**
 * Entries of one kind whose answers are the same once folded (width, traditional, punctuation): the later one
 * is reported and dropped, so a room never meets two questions with one answer.
 */
export function withoutDuplicates<T extends { file: string; position: number }>(
  entries: T[],
  answerOf: (entry: T) => string,
): { kept: T[]; problems: PackProblem[] } {
  const first = new Map<string, T>()
  const kept: T[] = []
  const problems: PackProblem[] = []
  for (const entry of entries) {
    const key = normalizeForMatch(answerOf(entry))
    const earlier = first.get(key)
    if (earlier) {
      problems.push({
        file: entry.file,
        entry: entry.position,
        label: answerOf(entry),
        message: `答案和 ${earlier.file} 里的一条重复了，这条跳过`,
      })
      continue
    }
    first.set(key, entry)
    kept.push(entry)
  }
  return { kept, problems }
}
