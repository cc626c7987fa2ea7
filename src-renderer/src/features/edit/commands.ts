/**
 * Edit commands with side effects: they call main through lib/api.ts and then update one canvas store. Pure canvas
 * changes live in canvas/actions.ts.
 */
import { EDIT_MAX_UPLOAD_BYTES, type EditResultView, type EditSourceView } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { addSources, freshCard, replaceSources, runAction } from './canvas/actions';
import type { CanvasStore } from './canvas/canvas-store';
import type { CanvasState, EditStep } from './canvas/types';
import { notifyWhenAway } from '../shell/notify';
import { editSourceLimit } from './canvas/source-limit';
import { useStudio } from '../../stores/store';

let refusalSeq = 0;
const message = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

function refuse(store: CanvasStore, name: string, reason: string) {
  refusalSeq += 1;
  const refusal = { id: refusalSeq, name, reason };
  store.setState((s) => ({ refusals: [...s.refusals, refusal].slice(-5) }));
}

/** Reads a File as base64 without a data: prefix. */
async function fileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

async function prepare(store: CanvasStore, name: string, run: () => Promise<EditSourceView>): Promise<EditSourceView | null> {
  store.setState((s) => ({ pending: s.pending + 1 }));
  try {
    return await run();
  } catch (err) {
    // Main already prefixes its refusals with the file name.
    refuse(store, name, message(err).replace(`${name}: `, ''));
    return null;
  } finally {
    store.setState((s) => ({ pending: s.pending - 1 }));
  }
}

/** Most files one drop is read from: every one is checked, so a bad file never takes a good one's slot. */
const MAX_FILES_PER_DROP = 10;

/** Adds dropped, pasted or picked files: all are checked first, then the good ones fill the free slots in order. */
export async function addFiles(store: CanvasStore, files: readonly File[]): Promise<void> {
  const checked = files.slice(0, MAX_FILES_PER_DROP);
  for (const extra of files.slice(checked.length)) refuse(store, extra.name, `At most ${MAX_FILES_PER_DROP} files at a time.`);
  const views = await Promise.all(checked.map((file) => {
    if (file.size > EDIT_MAX_UPLOAD_BYTES) {
      refuse(store, file.name, 'The file is larger than 32 MiB.');
      return null;
    }
    return prepare(store, file.name, async () => invoke('edit:prepare-source', { bytesBase64: await fileBase64(file), name: file.name }));
  }));
  const good = views.filter((v): v is EditSourceView => v !== null);
  const s = store.getState();
  const limit = editSourceLimit(s.params.model);
  const room = Math.max(0, limit - s.doc.sources.length);
  for (const left of good.slice(room)) refuse(store, left.name, `This model edits at most ${limit} images at once; remove one to add this.`);
  runAction(store, addSources, good.slice(0, room));
}

/** Adds a library item as another source (the hand-off's "Add"). */
export async function addLibraryItem(store: CanvasStore, itemId: string): Promise<void> {
  const view = await prepare(store, 'Library item', () => invoke('edit:prepare-source', { itemId }));
  if (view) runAction(store, addSources, [view]);
}

/** Makes a library item the only source (the "Edit" hand-off, and its "Replace"); undo brings the old canvas back. */
export async function replaceWithLibraryItem(store: CanvasStore, itemId: string): Promise<void> {
  const view = await prepare(store, 'Library item', () => invoke('edit:prepare-source', { itemId }));
  if (!view) return;
  runAction(store, replaceSources, [freshCard(view)]);
  store.setState({ currentStepId: null, prompt: '' });
}

/**
 * Whether the canvas holds work that was never sent: sources that are not exactly the ones of the step shown. An
 * empty canvas, or one still showing what was just edited, can be replaced without asking.
 */
export function hasUnsentWork(s: CanvasState): boolean {
  if (s.doc.sources.length === 0) return false;
  const step = s.steps.find((st) => st.id === s.currentStepId);
  if (!step) return true;
  return step.sources.length !== s.doc.sources.length || step.sources.some((c, i) => c.key !== s.doc.sources[i]?.key);
}

/** Sends the edit; results land in the current step (and in the library, by main). */
export async function submitEdit(store: CanvasStore): Promise<void> {
  const s = store.getState();
  if (s.submitting || s.doc.sources.length === 0) return;
  store.setState({ submitting: true, error: null });
  try {
    const multi = s.doc.sources.length > 1;
    const out = await invoke('edit:submit', {
      sources: s.doc.sources.map((c) => ({ id: c.source.id, rotate: c.rotate, crop: c.crop })),
      prompt: s.prompt,
      model: s.params.model,
      n: s.params.n,
      resolution: s.params.resolution,
      quality: s.params.quality,
      ...(multi ? { aspectRatio: s.params.aspectRatio } : {}),
    });
    const now = store.getState();
    // Sent sources are library items now: remembering that lets a kept canvas re-prepare them after a restart.
    const sent = s.doc.sources.map((c, i) => {
      const itemId = out.sourceItemIds[i];
      return itemId && !c.source.libraryItemId ? { ...c, source: { ...c.source, libraryItemId: itemId } } : c;
    });
    const step: EditStep = {
      id: now.steps.length + 1, parentId: now.currentStepId, sources: sent, prompt: s.prompt, results: out.results, blocked: out.blocked,
    };
    // The canvas still shows what was sent (same cards): it takes the ids too, without an undo entry.
    const doc = now.doc === s.doc ? { ...now.doc, sources: sent } : now.doc;
    store.setState({ steps: [...now.steps, step], currentStepId: step.id, doc });
    // The model chosen was retired: main edited with its successor and says so in one line (issue 15.2).
    if (out.notice) useStudio.getState().pushNotice('info', out.notice);
    const blocked = out.blocked ? `, ${out.blocked} blocked` : '';
    notifyWhenAway('Imagine Studio: edit finished', `${out.results.length} ${out.results.length === 1 ? 'image' : 'images'} ready${blocked}.`, { tag: 'edit' });
  } catch (err) {
    store.setState({ error: message(err) });
    notifyWhenAway('Imagine Studio: edit failed', message(err), { tag: 'edit' });
  } finally {
    store.setState({ submitting: false });
  }
}

/** "Edit again": the result becomes the only source; the next submit is a child of the current step. */
export async function editAgain(store: CanvasStore, result: EditResultView): Promise<void> {
  const view = await prepare(store, 'Result', () => invoke('edit:prepare-source', { itemId: result.itemId }));
  if (view) runAction(store, replaceSources, [freshCard(view)]);
}

/** Goes back to a step: its sources and prompt return to the canvas, and a new edit branches from it. */
export function goToStep(store: CanvasStore, stepId: number): void {
  const step = store.getState().steps.find((st) => st.id === stepId);
  if (!step) return;
  runAction(store, replaceSources, step.sources);
  store.setState({ currentStepId: step.id, prompt: step.prompt });
}
