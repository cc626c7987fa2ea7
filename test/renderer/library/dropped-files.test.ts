import { describe, expect, it } from 'vitest';
import { onDropped } from '../../../src-renderer/src/features/library/dropped-files';

/** A stand-in for Chromium's entries: a folder tree whose reader answers in batches, as readEntries does. */
type Tree = { [name: string]: Tree | string };
function entry(name: string, node: Tree | string): FileSystemEntry {
  if (typeof node === 'string') {
    const file = new File([node], name, { type: name.endsWith('.jpg') ? 'image/jpeg' : 'text/plain' });
    return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(file) } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([n, c]) => entry(n, c));
  return {
    name, isFile: false, isDirectory: true,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok: (batch: FileSystemEntry[]) => void) => ok(children.slice(at, (at += 2))) };
    },
  } as unknown as FileSystemEntry;
}
function drop(items: [string, Tree | string][]): DataTransfer {
  const entries = items.map(([n, node]) => entry(n, node));
  const loose = items.flatMap(([n, node]) => (typeof node === 'string' ? [new File([node], n, { type: 'image/jpeg' })] : []));
  return {
    files: loose,
    items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e, getAsFile: () => loose.find((f) => f.name === e.name) ?? null })),
  } as unknown as DataTransfer;
}

describe('dropped folders', () => {
  it('walks dropped folders and their subfolders, keeping images and videos, skipping hidden and other files', async () => {
    const data = drop([
      ['loose.jpg', 'x'],
      ['album', { 'a.jpg': '1', 'notes.txt': 'n', '.thumbs': { 'hidden.jpg': 'h' }, '2024': { 'b.jpg': '2', 'c.mp4': '3', deeper: { 'd.jpg': '4' } } }],
    ]);
    const got = await new Promise<{ files: File[]; fromFolders: File[] }>((resolve) => onDropped(data, resolve));
    expect(got.files.map((f) => f.name)).toEqual(['loose.jpg']);
    expect(got.fromFolders.map((f) => f.name).sort()).toEqual(['a.jpg', 'b.jpg', 'c.mp4', 'd.jpg']);
  });

  it('hands a drop of plain files over at once, inside the drop event', () => {
    let got: File[] | null = null;
    onDropped(drop([['one.jpg', 'x']]), ({ files }) => (got = files));
    expect(got).toHaveLength(1);
  });
});
