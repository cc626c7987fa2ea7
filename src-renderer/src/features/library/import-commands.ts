/**
 * Import from the OS. The browser host gives dropped or picked files no path, so the page reads them and sends
 * their bytes, a few at a time (main decodes as many as it has cores and commits them in batches); the desktop
 * app hands main tokens for chosen files or a folder instead. Either way one import job in main counts the
 * files and reports count, rate and ETA as `library:import` events, and can be cancelled.
 */
import type { ImportProgress as MainProgress, ImportResult } from '@contract';
import { invoke } from '../../lib/api';
import type { ImportProgress } from '../../stores/library-slice';
import { useStudio } from '../../stores/store';
import { formatCount } from './format';
import { showToast } from './item-commands';
import { errorText } from './query-commands';

/** The contract caps base64 at 90 MB of text, i.e. about 64 MB of file. */
const MAX_BYTES = 64 * 1024 * 1024;
/**
 * Files being read and sent at once: more than main decodes at once (one per core), so it seldom waits for the page;
 * not more, since each is held here twice (bytes and base64) until main has it (8 did no better than 4 on a loaded
 * 2-core machine).
 */
export const UPLOADS_IN_FLIGHT = 4;
/** Refused files listed in the panel (the count goes on). */
const SHOWN_ERRORS = 300;

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    // A data URL is base64 already; strip its `data:<mime>;base64,` prefix.
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

const lib = () => useStudio.getState().library;
const patchImport = (patch: Partial<ImportProgress>) => {
  const current = lib().importing;
  if (current) useStudio.getState().patchLibrary({ importing: { ...current, ...patch } });
};

function started(total: number, current: string | null): ImportProgress {
  return { job: null, state: 'running', total, done: 0, imported: 0, duplicates: 0, ratePerSec: 0, etaMs: null, current, errors: [] };
}

/** Adds what one call refused to the panel's list. */
function noteRefusals(result: ImportResult): void {
  const errors = lib().importing?.errors ?? [];
  if (result.rejected.length === 0 || errors.length >= SHOWN_ERRORS) return;
  patchImport({ errors: [...errors, ...result.rejected].slice(0, SHOWN_ERRORS) });
}

/** Routed from `library:import` (bootstrap): main's counts for the import the panel shows. */
export function onImportProgress(p: MainProgress): void {
  const current = lib().importing;
  if (!current || current.job !== p.job || current.state === 'cancelled') return;
  const { total, done, imported, duplicates, ratePerSec, etaMs, state } = p;
  patchImport({ total, done, imported, duplicates, ratePerSec, etaMs, state: state === 'cancelled' ? 'cancelled' : current.state });
}

/** Ends the panel's import: it stays open while there is something to read, else a toast says what came in. */
function finish(job: string | null): void {
  const current = lib().importing;
  if (!current || current.job !== job) return;
  const state = current.state === 'cancelled' ? 'cancelled' : 'done';
  const settled = { ...current, state, etaMs: null, current: null } as const;
  if (settled.errors.length > 0 || settled.duplicates > 0 || state === 'cancelled') {
    useStudio.getState().patchLibrary({ importing: settled });
  } else {
    useStudio.getState().patchLibrary({ importing: null });
  }
  if (state === 'done' && settled.imported > 0) showToast(`Imported ${formatCount(settled.imported, 'file')}.`);
}

/** Imports files the page holds (a drop, the file or folder picker): bytes, UPLOADS_IN_FLIGHT at a time. */
export async function importFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const patch = useStudio.getState().patchLibrary;
  patch({ importing: started(files.length, files[0]?.name ?? null) });
  let job: string;
  try {
    ({ job } = await invoke('library:import-begin', { total: files.length }));
  } catch (err) {
    patch({ importing: null });
    useStudio.getState().pushNotice('error', `Could not import: ${errorText(err)}`);
    return;
  }
  patchImport({ job });
  const stopped = () => lib().importing?.job !== job || lib().importing?.state === 'cancelled';
  let next = 0;
  const lane = async () => {
    while (next < files.length && !stopped()) {
      const file = files[next++] as File;
      patchImport({ current: file.name });
      let result: ImportResult;
      try {
        if (file.size > MAX_BYTES) throw new Error('Larger than 64 MB.');
        const base64 = await readAsBase64(file);
        result = await invoke('library:import', { source: { kind: 'bytes', name: file.name.slice(0, 255), base64 }, job });
      } catch (err) {
        result = { imported: [], duplicates: [], rejected: [{ name: file.name, reason: errorText(err) }] };
        // Not counted by main (it never got the file): count it here.
        const current = lib().importing;
        if (current?.job === job) patchImport({ done: current.done + 1 });
      }
      if (!stopped()) noteRefusals(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOADS_IN_FLIGHT, files.length) }, lane));
  finish(job);
}

/** Stops the import shown in the panel before its next file; what is in stays. */
export async function cancelImport(): Promise<void> {
  const current = lib().importing;
  if (!current || current.state !== 'running') return;
  patchImport({ state: 'cancelled', etaMs: null });
  if (current.job) await invoke('library:import-cancel', { job: current.job }).catch(() => {});
}

/** The desktop app: main reads the chosen files (tokens) or walks a folder (a token) itself. */
export async function importByTokens(source: { kind: 'chosen'; tokens: string[]; label: string | null } | { kind: 'folder'; token: string; label: string }): Promise<void> {
  const patch = useStudio.getState().patchLibrary;
  const total = source.kind === 'chosen' ? source.tokens.length : 0;
  patch({ importing: started(total, source.label) });
  try {
    const { job } = await invoke('library:import-begin', { total });
    patchImport({ job });
    const result = await invoke('library:import', {
      source: source.kind === 'chosen' ? { kind: 'chosen', tokens: source.tokens } : { kind: 'folder', token: source.token },
      job,
    });
    noteRefusals(result);
    const current = lib().importing;
    // The call's own lists, should its last progress event still be on the way.
    if (current?.job === job) {
      patchImport({
        done: Math.max(current.done, current.total),
        imported: Math.max(current.imported, result.imported.length),
        duplicates: Math.max(current.duplicates, result.duplicates.length),
      });
    }
    finish(job);
  } catch (err) {
    patch({ importing: null });
    useStudio.getState().pushNotice('error', `Could not import: ${errorText(err)}`);
  }
}
