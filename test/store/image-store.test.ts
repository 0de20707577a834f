import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ImageStore, ImageTooLargeError, type ReceivedFile } from '../../src/store/image-store.js'
import { tempDir } from './helpers.js'

function file(name: string, bytes = 'png bytes', size?: number): ReceivedFile {
  return { name, size, toFile: (path) => writeFile(path, bytes) }
}

describe('ImageStore', () => {
  it('files room and private images apart, named by message id, keeping a short extension', async () => {
    const dir = await tempDir()
    const store = new ImageStore(dir)
    const inRoom = await store.save({ roomKey: '8@chatroom' }, '2026-11-23', 'msg-1', file('作业.PNG'))
    const direct = await store.save(
      { memberKey: 'wxid_a' },
      '2026-11-23',
      'msg-2',
      file('x.jpg', 'jpg bytes'),
    )
    expect(relative(dir, inRoom)).toBe(join('rooms', '8@chatroom', '2026-11-23', 'msg-1.png'))
    expect(relative(dir, direct)).toBe(join('direct', 'wxid_a', '2026-11-23', 'msg-2.jpg'))
    expect(await readFile(direct, 'utf8')).toBe('jpg bytes')
  })

  it('never lets a sender choose where the file goes or what it is called', async () => {
    const dir = await tempDir()
    const store = new ImageStore(dir)
    const path = await store.save({ roomKey: '../../etc' }, '2026-11-23', '../passwd', file('evil.sh;rm -rf'))
    expect(relative(dir, path).startsWith('..')).toBe(false)
    expect(path.endsWith('.img')).toBe(true)
    expect(await readdir(join(dir, 'rooms'))).toHaveLength(1)
    await expect(store.save({ roomKey: 'r' }, '../..', 'm', file('x.png'))).rejects.toThrow(RangeError)
  })

  it('prunes whole days older than the oldest kept one, in rooms and private chats alike', async () => {
    const dir = await tempDir()
    const store = new ImageStore(dir)
    for (const day of ['2026-08-24', '2026-08-25', '2026-11-23']) {
      await store.save({ roomKey: 'r1' }, day, `m-${day}`, file('a.png'))
      await store.save({ memberKey: 'wxid_b' }, day, `d-${day}`, file('b.png'))
    }
    expect(await store.prune('2026-08-25')).toBe(2)
    expect(await readdir(join(dir, 'rooms', 'r1'))).toEqual(['2026-08-25', '2026-11-23'])
    expect(await readdir(join(dir, 'direct', 'wxid_b'))).toEqual(['2026-08-25', '2026-11-23'])
    expect(await new ImageStore(join(dir, 'nothing-here')).prune('2026-08-25')).toBe(0)
  })

  it('keeps nothing of an image over the cap, whether its size was announced or only found on disk', async () => {
    const dir = await tempDir()
    const store = new ImageStore(dir, 10)
    // Announced: refused before anything is written.
    await expect(
      store.save({ roomKey: 'r' }, '2026-11-23', 'big-1', file('a.png', 'x', 11)),
    ).rejects.toBeInstanceOf(ImageTooLargeError)
    // Unknown (-1) or understated: written, measured, removed.
    await expect(
      store.save({ roomKey: 'r' }, '2026-11-23', 'big-2', file('a.png', 'x'.repeat(11), -1)),
    ).rejects.toThrow('over the 10-byte cap')
    await expect(
      store.save({ roomKey: 'r' }, '2026-11-23', 'big-3', file('a.png', 'x'.repeat(11), 3)),
    ).rejects.toBeInstanceOf(ImageTooLargeError)
    expect(await readdir(join(dir, 'rooms', 'r', '2026-11-23'))).toEqual([])
    // At the cap is fine.
    const kept = await store.save({ roomKey: 'r' }, '2026-11-23', 'ok', file('a.png', 'x'.repeat(10)))
    expect(await readFile(kept, 'utf8')).toHaveLength(10)
  })
})
