import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import { PUZZLES, type PuzzleSpec } from './picture-puzzles.js'

/**
 * Draws the picture puzzles: the emoji of each idiom (Fluent Emoji Flat, MIT) on a card, with words in Noto
 * Sans SC (OFL, bundled: no system font is read, so every machine draws the same bytes).
 */
const require = createRequire(import.meta.url)
const modules = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules')
const FONT = join(modules, '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf')
const ICONS = require('@iconify-json/fluent-emoji-flat/icons.json') as {
  width: number
  height: number
  icons: Record<string, { body: string; width?: number; height?: number }>
}

const W = 480
const H = 300
const SIZE = 96
const GAP = 16

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  )
}

function emojiRow(names: string[], y: number): string {
  const total = names.length * SIZE + (names.length - 1) * GAP
  return names
    .map((name, i) => {
      const icon = ICONS.icons[name]
      if (!icon) throw new Error(`no Fluent Emoji Flat icon named ${name}`)
      const x = (W - total) / 2 + i * (SIZE + GAP)
      const vw = icon.width ?? ICONS.width
      const vh = icon.height ?? ICONS.height
      return `<svg x="${x}" y="${y}" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${vw} ${vh}">${icon.body}</svg>`
    })
    .join('')
}

function text(x: number, y: number, size: number, words: string, fill = '#333'): string {
  return `<text x="${x}" y="${y}" font-family="Noto Sans SC" font-size="${size}" fill="${fill}" text-anchor="middle">${escapeXml(words)}</text>`
}

/** The puzzle as an SVG: the question, or (hint) the same with the idiom's first character shown. */
export function puzzleSvg(spec: PuzzleSpec, withHint: boolean): string {
  const first = [...spec.answer][0] ?? ''
  const parts = [
    `<rect width="${W}" height="${H}" rx="24" fill="#fffaf0"/>`,
    text(W / 2, 52, 28, '看图猜成语'),
    emojiRow(spec.emoji, withHint ? 84 : 110),
    withHint ? text(W / 2, 262, 30, `第一个字是「${first}」`, '#c0392b') : '',
  ]
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`
}

export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' },
  })
  return resvg.render().asPng()
}

/** Writes every puzzle's two pictures and the pack file listing them; returns how many puzzles. */
export function buildPictures(outDir: string): number {
  mkdirSync(join(outDir, 'images'), { recursive: true })
  const entries: string[] = []
  for (const [i, spec] of PUZZLES.entries()) {
    // Neutral names: a file name is shown with the picture and must not give the answer away.
    const id = `picture-${String(i + 1).padStart(2, '0')}`
    writeFileSync(join(outDir, 'images', `${id}.png`), renderPng(puzzleSvg(spec, false)))
    writeFileSync(join(outDir, 'images', `${id}-hint.png`), renderPng(puzzleSvg(spec, true)))
    const aliases = spec.aliases?.length ? `\n  aliases: [${spec.aliases.join(', ')}]` : ''
    entries.push(
      `- image: images/${id}.png\n  answer: ${spec.answer}${aliases}\n  hints:\n    - image: images/${id}-hint.png\n    - text: ${spec.hint}`,
    )
  }
  const header =
    '# 看图猜成语：图由 npm run packs:build 生成（tools/picture-puzzles.ts），不要手改；改题目请改那个文件。\n'
  writeFileSync(join(outDir, 'starter.yaml'), `${header}\n${entries.join('\n')}\n`)
  return PUZZLES.length
}
