/**
 * The export UI per shell: actions the shell cannot do are not rendered (browser host: no "Show in folder", no
 * "Choose folder…"; exports are downloads), and the commands call the channels the shell supports.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopCapabilities, LibraryRecord } from '@contract';
import { loadCapabilities, NO_CAPABILITIES, resetCapabilities } from '../../../src-renderer/src/features/export/capabilities';
import { downloadUrlData, startDragOut } from '../../../src-renderer/src/features/export/drag-out';
import { copyImage } from '../../../src-renderer/src/features/export/export-commands';
import { ExportDialog } from '../../../src-renderer/src/features/export/ExportDialog';
import { ItemExportActions } from '../../../src-renderer/src/features/export/ItemExportActions';
import { importChosenFiles } from '../../../src-renderer/src/features/export/import-chosen';
import { JobTile } from '../../../src-renderer/src/features/generate/JobTile';
import { useStudio } from '../../../src-renderer/src/stores/store';

const ELECTRON: DesktopCapabilities = { dialogs: true, reveal: true, nativeDrag: true, nativeClipboard: true };
const ID = 'ab'.repeat(16);
const record = (over: Partial<LibraryRecord> = {}): LibraryRecord => ({
  id: ID, kind: 'image', createdAt: Date.UTC(2026, 0, 2), prompt: 'owl', editInstruction: null, model: 'm', params: {},
  width: 10, height: 10, aspectRatio: '1:1', durationMs: null, bytes: 10, mime: 'image/jpeg', costTicks: null, requestId: null,
  moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null, missing: false, hasLineage: false,
  file: `media/ab/${ID}.jpg`, thumb: null, preview: null, ...over,
});

let calls: { channel: string; input: unknown }[];
/** A stand-in for window.api: `caps` for desktop:capabilities, the rest from `answers`. */
function fakeApi(caps: DesktopCapabilities, answers: Record<string, (input: unknown) => unknown> = {}) {
  calls = [];
  (window as unknown as { api: unknown }).api = {
    mediaBase: '/media/',
    on: () => () => {},
    invoke: async (channel: string, input: unknown) => {
      calls.push({ channel, input });
      if (channel === 'desktop:capabilities') return { ok: true, value: caps };
      const answer = answers[channel];
      return answer ? { ok: true, value: answer(input) } : { ok: false, error: { kind: 'internal', message: 'no' } };
    },
  };
}

async function withShell(caps: DesktopCapabilities, answers?: Record<string, (input: unknown) => unknown>) {
  resetCapabilities();
  fakeApi(caps, answers);
  await act(async () => void (await loadCapabilities()));
}

beforeEach(() => resetCapabilities());
afterEach(() => vi.restoreAllMocks());

describe('actions per shell', () => {
  it('browser host: save and copy, no "Show in folder"; the export dialog downloads a zip', async () => {
    await withShell(NO_CAPABILITIES);
    render(<ItemExportActions record={record()} onDone={() => {}} />);
    expect(screen.getByRole('button', { name: 'Save as…' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Copy image' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Show in folder' })).toBeNull();
    render(<ExportDialog ids={[ID]} onClose={() => {}} onDone={() => {}} />);
    expect(screen.getByRole('button', { name: 'Download as zip' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Choose folder…' })).toBeNull();
  });

  it('desktop app: "Show in folder", "Choose folder…" and "Save as zip…"', async () => {
    await withShell(ELECTRON);
    render(<ItemExportActions record={record()} onDone={() => {}} />);
    expect(screen.getByRole('button', { name: 'Show in folder' })).toBeVisible();
    render(<ExportDialog ids={[ID]} onClose={() => {}} onDone={() => {}} />);
    expect(screen.getByRole('button', { name: 'Choose folder…' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Save as zip…' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Download as zip' })).toBeNull();
  });

  it('offers no "Copy image" for a video', async () => {
    await withShell(ELECTRON);
    render(<ItemExportActions record={record({ kind: 'video', mime: 'video/mp4' })} onDone={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Copy image' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save as…' })).toBeVisible();
  });
});

describe('export commands', () => {
  it('browser host: "Download as zip" asks for a zip and lets the browser download it', async () => {
    await withShell(NO_CAPABILITIES, {
      'library:export-zip': () => ({ kind: 'download', url: '/download/tok', name: 'imagine-export.zip', files: 1, bytes: 99 }),
    });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.getAttribute('href')} ${this.download}`);
    });
    const onDone = vi.fn();
    render(<ExportDialog ids={[ID]} onClose={() => {}} onDone={onDone} />);
    fireEvent.click(screen.getByRole('checkbox', { name: /Strip metadata/ }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'png' } });
    fireEvent.click(screen.getByRole('button', { name: 'Download as zip' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Downloading imagine-export.zip.'));
    expect(calls.at(-1)).toEqual({ channel: 'library:export-zip', input: { ids: [ID], format: 'png', metadata: 'strip' } });
    expect(clicked).toEqual(['/download/tok imagine-export.zip']);
  });

  it('desktop app: "Choose folder…" exports by the token main issued', async () => {
    await withShell(ELECTRON, {
      'desktop:choose-folder': () => ({ folder: { token: 'T'.repeat(43), label: '/home/me/Pictures' } }),
      'library:export': () => ({ files: [{ id: ID, path: '/home/me/Pictures/x.jpg' }], folder: 'U'.repeat(43) }),
    });
    const onDone = vi.fn();
    render(<ExportDialog ids={[ID]} onClose={() => {}} onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Choose folder…' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Exported 1 file to /home/me/Pictures.'));
    expect(calls.find((c) => c.channel === 'library:export')?.input).toEqual({ ids: [ID], folder: 'T'.repeat(43), format: 'original', metadata: 'keep' });
  });

  it('copies through main in the desktop app and through the Clipboard API in a browser', async () => {
    await withShell(ELECTRON, { 'desktop:copy-image': () => ({}) });
    expect(await copyImage(record())).toBe('Image copied.');
    expect(calls.at(-1)).toEqual({ channel: 'desktop:copy-image', input: { id: ID } });

    await withShell(NO_CAPABILITIES);
    const written: Record<string, Promise<Blob>>[] = [];
    class FakeItem {
      constructor(readonly items: Record<string, Promise<Blob>>) {
        written.push(items);
      }
    }
    vi.stubGlobal('ClipboardItem', FakeItem);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { write: vi.fn(async () => undefined) } });
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const fetched = vi.fn(async () => ({ ok: true, blob: async () => png }));
    vi.stubGlobal('fetch', fetched);
    expect(await copyImage(record({ mime: 'image/png', file: `media/ab/${ID}.png` }))).toBe('Image copied.');
    expect(fetched).toHaveBeenCalledWith(`/media/media/ab/${ID}.png`);
    expect(Object.keys(written[0] ?? {})).toEqual(['image/png']);
    expect((await written[0]?.['image/png'])?.type).toBe('image/png');
    vi.unstubAllGlobals();
  });
});

describe('drag out', () => {
  const transfer = () => {
    const data = new Map<string, string>();
    return { data, dataTransfer: { setData: (k: string, v: string) => void data.set(k, v), effectAllowed: 'all' } as unknown as DataTransfer };
  };

  it('sets DownloadURL and a URI list in a browser', async () => {
    await withShell(NO_CAPABILITIES);
    const { data, dataTransfer } = transfer();
    const preventDefault = vi.fn();
    startDragOut({ dataTransfer, preventDefault }, [record()]);
    const url = `${window.location.origin}/media/media/ab/${ID}.jpg`;
    expect(data.get('DownloadURL')).toBe(`image/jpeg:imagine-2026-01-02-abababab.jpg:${url}`);
    expect(data.get('text/uri-list')).toBe(url);
    expect(preventDefault).not.toHaveBeenCalled();
    expect(downloadUrlData(record(), 'http://x/y')).toBe('image/jpeg:imagine-2026-01-02-abababab.jpg:http://x/y');
  });

  it('hands the drag to main in the desktop app', async () => {
    await withShell(ELECTRON, { 'desktop:start-drag': () => ({}) });
    const { data, dataTransfer } = transfer();
    const preventDefault = vi.fn();
    startDragOut({ dataTransfer, preventDefault }, [record(), record({ id: 'cd'.repeat(16) })]);
    expect(preventDefault).toHaveBeenCalled();
    expect(data.size).toBe(0);
    await waitFor(() => expect(calls.at(-1)).toEqual({ channel: 'desktop:start-drag', input: { ids: [ID, 'cd'.repeat(16)] } }));
  });
});

describe('Generate tiles', () => {
  const job = {
    id: '1'.repeat(32), batchId: '2'.repeat(32), prompt: 'owl', promptIndex: 0, n: 1, state: 'succeeded' as const, attempts: 1, createdAt: 0,
    startedAt: 0, finishedAt: 1, costTicks: 1, requestId: 'r', error: null, note: null, tiles: [],
  };
  const tile = { index: 0, state: 'done' as const, itemId: ID, thumb: `thumbs/ab/${ID}.webp`, width: 10, height: 10, reason: null };

  it.each([
    ['browser host', NO_CAPABILITIES, 'Download'],
    ['desktop app', ELECTRON, 'Save…'],
  ])('%s: a finished tile offers copy and %s once its record is known, and drags out', async (_shell, caps, save) => {
    await withShell(caps, { 'library:records': () => ({ records: [record()] }) });
    render(<ul><JobTile tile={tile} job={job} aspect="1:1" now={0} onRetry={() => {}} /></ul>);
    const item = screen.getByRole('listitem');
    expect(screen.queryByRole('group', { name: 'Image actions' })).toBeNull(); // nothing before the record is fetched
    fireEvent.pointerEnter(item);
    const group = await screen.findByRole('group', { name: 'Image actions' });
    expect(group).toHaveTextContent(`Copy image${save}`);
    expect(screen.getByRole('img')).toHaveAttribute('draggable', 'true');
    expect(calls.filter((c) => c.channel === 'library:records')).toHaveLength(1);
  });
});

const JOB = 'f'.repeat(32);

describe('import in the desktop app', () => {
  it('imports the files picked in the native dialog by their tokens, and lists refusals', async () => {
    const tokens = ['A'.repeat(43), 'B'.repeat(43)];
    await withShell(ELECTRON, {
      'desktop:choose-files': () => ({ files: tokens.map((token, i) => ({ token, label: `f${i}.png` })) }),
      'library:import-begin': () => ({ job: JOB }),
      'library:import': () => ({ imported: [ID], rejected: [{ name: '/home/me/f1.png', reason: 'Not an image.' }], duplicates: [] }),
    });
    await importChosenFiles();
    expect(calls.slice(-2)).toEqual([
      { channel: 'library:import-begin', input: { total: 2 } },
      { channel: 'library:import', input: { source: { kind: 'chosen', tokens }, job: JOB } },
    ]);
    expect(useStudio.getState().library.importing).toMatchObject({ total: 2, done: 2, imported: 1, state: 'done', errors: [{ name: '/home/me/f1.png', reason: 'Not an image.' }] });
    expect(useStudio.getState().library.toast?.message).toBe('Imported 1 file.');
  });
});
