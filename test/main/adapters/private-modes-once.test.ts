/**
 * The start-up repair of file modes (issue 12) walks each root once (issue 16): a 1M-item library has millions of
 * files, and walking them at every start competed with the grid for minutes. Later starts read the list of walked
 * roots from the data folder instead.
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPAIRED_ROOTS_FILE, repairPrivateModesOnce } from '../../../src-main/adapters/private-files';

const mode = (p: string) => lstatSync(p).mode & 0o777;

describe('repairPrivateModesOnce', () => {
  let base: string;
  beforeEach(() => void (base = mkdtempSync(path.join(os.tmpdir(), 'imagine-modes-'))));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('tightens each root on its first walk only, counts a root inside a walked one as walked, and re-walks when the list is unreadable', async () => {
    const data = path.join(base, 'data');
    const other = path.join(base, 'elsewhere');
    mkdirSync(path.join(data, 'library', 'media'), { recursive: true });
    mkdirSync(other);
    const loose = path.join(data, 'library', 'media', 'old.png');
    writeFileSync(loose, 'x');
    chmodSync(loose, 0o644);

    const first = await repairPrivateModesOnce(data, [data, path.join(data, 'library')]);
    expect(first.map((w) => w.root)).toEqual([data]); // the library inside it came along
    expect(first[0]?.fixed).toBeGreaterThanOrEqual(1);
    expect(mode(loose)).toBe(0o600);

    // Loosened again behind our back: later starts do not walk it again.
    chmodSync(loose, 0o644);
    expect(await repairPrivateModesOnce(data, [data])).toEqual([]);
    expect(mode(loose)).toBe(0o644);

    // A library folder chosen elsewhere is walked the first time it is seen.
    const file = path.join(other, 'a.webp');
    writeFileSync(file, 'y');
    chmodSync(file, 0o640);
    expect((await repairPrivateModesOnce(data, [data, other])).map((w) => w.root)).toEqual([other]);
    expect(mode(file)).toBe(0o600);

    // A damaged list means nothing is known to be walked.
    writeFileSync(path.join(data, REPAIRED_ROOTS_FILE), '{"roots": 5}');
    expect((await repairPrivateModesOnce(data, [data])).map((w) => w.root)).toEqual([data]);
    expect(mode(loose)).toBe(0o600);
  });
});
