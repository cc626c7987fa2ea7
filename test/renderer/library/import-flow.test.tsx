import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportProgress, LibraryRecord } from '@contract';
import { ImportPanel } from '../../../src-renderer/src/features/library/ImportPanel';
import { importFiles, onImportProgress, UPLOADS_IN_FLIGHT } from '../../../src-renderer/src/features/library/import-commands';
import { BURST_QUIET_MS, onLibraryChanged, runQuery } from '../../../src-renderer/src/features/library/query-commands';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { installFakeApi } from '../fake-api';

const id = (n: number) => n.toString(16).padStart(32, '0');
const JOB = 'a'.repeat(32);
const record = (rid: string, createdAt: number): LibraryRecord => ({
  id: rid, kind: 'image', createdAt, prompt: '', editInstruction: null, model: null, params: {}, width: 1, height: 1,
  aspectRatio: '1:1', durationMs: null, bytes: 1, mime: 'image/jpeg', costTicks: null, requestId: null, moderation: null,
  sourceJobId: null, origin: 'imported', favorite: false, rating: 0, tags: [], trashedAt: null, missing: false, hasLineage: false, file: 'f',
  thumb: 't', preview: 'p',
});
const progress = (over: Partial<ImportProgress>): ImportProgress => ({
  job: JOB, state: 'running', total: 10, done: 0, imported: 0, duplicates: 0, rejected: 0, ratePerSec: 0, etaMs: null, elapsedMs: 0, ...over,
});

beforeEach(() => useStudio.setState({ library: { ...initialLibraryState }, notices: [] }));

describe('importing dropped or picked files', () => {
  it(`sends at most ${UPLOADS_IN_FLIGHT} files at once as one job, shows count, pace and time left, and stops on Cancel`, async () => {
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const calls = installFakeApi({
      'library:import-begin': () => ({ job: JOB }),
      'library:import': async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise<void>((r) => release.push(r));
        inFlight -= 1;
        return { imported: [id(1)], rejected: [], duplicates: [] };
      },
      'library:import-cancel': () => ({}),
    });
    const files = Array.from({ length: 10 }, (_, n) => new File([`x${n}`], `${n}.jpg`, { type: 'image/jpeg' }));
    const user = userEvent.setup();
    render(<ImportPanel />);
    const running = importFiles(files);
    await vi.waitFor(() => expect(release).toHaveLength(UPLOADS_IN_FLIGHT));
    act(() => onImportProgress(progress({ done: 3, imported: 3, ratePerSec: 12.5, etaMs: 7000 })));
    expect(screen.getByRole('status')).toHaveTextContent('Importing 4 of 10 · 12.5 files/s · about 7 s left');
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '3');
    await user.click(screen.getByRole('button', { name: 'Cancel import' }));
    for (const r of release.splice(0)) r();
    await running;
    expect(most).toBe(UPLOADS_IN_FLIGHT);
    // The four in flight finish; nothing else is sent after Cancel.
    expect(calls.filter((c) => c.channel === 'library:import')).toHaveLength(UPLOADS_IN_FLIGHT);
    expect(calls.filter((c) => c.channel === 'library:import-cancel')).toEqual([{ channel: 'library:import-cancel', input: { job: JOB } }]);
    expect(calls.filter((c) => c.channel === 'library:import').every((c) => (c.input as { job: string }).job === JOB)).toBe(true);
    expect(screen.getByRole('status')).toHaveTextContent('Import cancelled: 3 of 10 files added.');
  });

  it('says how many files were already in the library and lists the refused ones', async () => {
    installFakeApi({
      'library:import-begin': () => ({ job: JOB }),
      'library:import': ({ source }: { source: { name: string } }) =>
        source.name === 'bad.jpg'
          ? { imported: [], rejected: [{ name: 'bad.jpg', reason: 'Not a readable JPEG, PNG, WebP or GIF image.' }], duplicates: [] }
          : { imported: [], rejected: [], duplicates: [{ name: source.name, id: id(7) }] },
    });
    render(<ImportPanel />);
    const files = ['same.jpg', 'bad.jpg'].map((n) => new File(['x'], n, { type: 'image/jpeg' }));
    const running = importFiles(files);
    await vi.waitFor(() => expect(useStudio.getState().library.importing?.job).toBe(JOB));
    act(() => onImportProgress(progress({ total: 2, done: 2, duplicates: 1, rejected: 1, state: 'done' })));
    await running;
    expect(screen.getByRole('status')).toHaveTextContent('Import finished: 0 of 2 files added. 1 file was already in the library.');
    expect(screen.getByRole('list', { name: 'Files not imported' })).toHaveTextContent('bad.jpg: Not a readable JPEG, PNG, WebP or GIF image.');
  });
});

describe('the grid during an import', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  /** A library of 300 items; `library:query` with `ids` answers like main (newest first, records attached). */
  function library(sort: 'newest' | 'relevance') {
    const existing = Array.from({ length: 300 }, (_, i) => id(1000 - i));
    const calls = installFakeApi({
      'library:query': (input: { ids?: string[] }) =>
        input.ids
          ? { ids: [...input.ids].reverse(), total: input.ids.length, totalCapped: false, nextCursor: null, records: input.ids.map((x) => record(x, 5_000)) }
          : { ids: existing, total: existing.length, totalCapped: false, nextCursor: null, records: existing.slice(0, 120).map((x) => record(x, 1_000)) },
      'library:collections': () => ({ collections: [] }),
    });
    useStudio.setState((s) => ({ library: { ...s.library, sort, text: sort === 'relevance' ? 'fox' : '' } }));
    return { calls, full: () => calls.filter((c) => c.channel === 'library:query' && !(c.input as { ids?: unknown }).ids) };
  }
  const settle = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('puts each batch of new items on top without re-running the query: no full refresh for 40 batches', async () => {
    const { calls, full } = library('newest');
    await runQuery();
    const before = full().length;
    for (let batch = 0; batch < 40; batch += 1) {
      onLibraryChanged({ reason: 'added', ids: [id(2000 + batch * 2), id(2001 + batch * 2)] });
      await settle(100);
    }
    await settle(BURST_QUIET_MS * 2);
    const lib = useStudio.getState().library;
    expect(full().length - before).toBe(0);
    expect(calls.filter((c) => (c.input as { ids?: unknown }).ids)).toHaveLength(40);
    expect(lib.total).toBe(380);
    expect(lib.ids.slice(0, 2)).toEqual([id(2079), id(2078)]);
    expect(new Set(lib.ids).size).toBe(380);
  });

  it('a view that cannot place new items (best match) re-runs its query once, after the burst', async () => {
    const { full } = library('relevance');
    await runQuery();
    const before = full().length;
    for (let batch = 0; batch < 40; batch += 1) {
      onLibraryChanged({ reason: 'added', ids: [id(3000 + batch)] });
      await settle(200);
    }
    expect(full().length - before).toBe(0);
    await settle(BURST_QUIET_MS + 100);
    expect(full().length - before).toBe(1);
  });
});
