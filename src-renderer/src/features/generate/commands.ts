/**
 * Side effects of the Generate screen: calls to main through lib/api.ts, then store updates. Events from main are
 * routed here at bootstrap, so the board follows the queue even after a reload.
 */
import { expandWildcards, type EventPayload, type JobRequest } from '@contract';
import { ApiError, invoke, subscribe } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { promptsOf } from './format';
import { migrateLocalHistory } from './prompt-history';
import { notifyWhenAway } from '../shell/notify';
import { followSettings } from '../settings/form-defaults';
import { takesSubject } from '../controls/capabilities';

/** The prompts the draft sends: one per line in batch mode, each `{a|b}` wildcard expanded (see `draftPrompts`). */
export function draftPrompts(text: string, batchMode: boolean): string[] {
  return promptsOf(text, batchMode).flatMap((p) => expandWildcards(p));
}

export function requestFromDraft(): JobRequest {
  const { draft, capabilities } = useStudio.getState();
  const prompts = draftPrompts(draft.text, draft.batchMode);
  return {
    prompts, n: draft.n, model: draft.model, aspectRatio: draft.aspectRatio, resolution: draft.resolution,
    // Main resolves it to what xAI serves (Auto → Low for generations) and sends it only to models that take it.
    quality: draft.quality,
    // The original is kept only for the one prompt it was rewritten into (not for a wildcard batch made from it).
    ...(draft.originalPrompt && prompts.length === 1 && !draft.batchMode ? { originalPrompt: draft.originalPrompt } : {}),
    // Kept in the draft across model changes, sent only to a model that takes one (main checks it again).
    ...(draft.subject && takesSubject(capabilities.table, draft.model) ? { subjectItemId: draft.subject.itemId } : {}),
  };
}

export async function rehydrateJobs(): Promise<void> {
  const { batches, ledger } = await invoke('jobs:list', {});
  useStudio.getState().setBatches(batches);
  useStudio.getState().setLedger(ledger);
  useStudio.getState().setQueue(await invoke('jobs:queue', {}));
}

let estimateSeq = 0;
/** Asks main for the estimate of the current draft; stale answers are dropped. */
export async function refreshEstimate(): Promise<void> {
  const request = requestFromDraft();
  const seq = ++estimateSeq;
  if (request.prompts.length === 0) return useStudio.getState().setEstimate(null);
  try {
    const estimate = await invoke('jobs:estimate', request);
    if (seq === estimateSeq) useStudio.getState().setEstimate(estimate);
  } catch {
    if (seq === estimateSeq) useStudio.getState().setEstimate(null);
  }
}

/** Submits the draft; on success the batch appears at once with its pending tiles. Returns whether it was queued. */
export async function submitDraft(): Promise<boolean> {
  const s = useStudio.getState();
  const request = requestFromDraft();
  s.setSubmitError(null);
  try {
    const batch = await invoke('jobs:submit', request);
    useStudio.getState().addBatch(batch);
    // The model asked for was retired: main sent its successor and says so in one line (issue 15.2).
    if (batch.notice) useStudio.getState().pushNotice('info', batch.notice);
    return true;
  } catch (err) {
    useStudio.getState().setSubmitError(err instanceof ApiError ? err.message : String(err));
    return false;
  }
}

type Target = { jobId: string } | { batchId: string };
const act = (channel: 'jobs:cancel' | 'jobs:retry') => async (target: Target) => {
  try {
    await invoke(channel, target);
  } catch (err) {
    useStudio.getState().pushNotice('error', err instanceof Error ? err.message : String(err));
  }
};
export const cancelJobs = act('jobs:cancel');
export const retryJobs = act('jobs:retry');

export async function clearFinished(): Promise<void> {
  await invoke('jobs:clear-finished', {});
  await rehydrateJobs();
}

export function onJobProgress({ job }: EventPayload<'jobs:progress'>): void {
  const s = useStudio.getState();
  if (!s.batches.some((b) => b.id === job.batchId)) void rehydrateJobs();
  else s.upsertJob(job);
}

/** A batch finished: tell the user through the OS when they are looking elsewhere (see shell/notify). */
export function onBatchSettled(e: EventPayload<'jobs:settled'>): void {
  const body = `${e.done} of ${e.images} images ready${e.blocked ? `, ${e.blocked} blocked` : ''}${e.failed ? `, ${e.failed} failed` : ''}.`;
  notifyWhenAway('Imagine Studio: batch finished', body, { tag: 'batch' });
}

export function onLedgerChanged(ledger: EventPayload<'ledger:changed'>): void {
  useStudio.getState().setLedger(ledger);
  void refreshEstimate();
}


/** Bootstrap hook: follow main's queue events and load the board, the models and the estimate. */
export async function startGenerate(): Promise<void> {
  subscribe('jobs:progress', onJobProgress);
  subscribe('jobs:settled', onBatchSettled);
  subscribe('ledger:changed', onLedgerChanged);
  subscribe('jobs:queue', (queue) => useStudio.getState().setQueue(queue));
  // Form defaults come from Settings, live, until the user changes the form's options (issue 14.8).
  followSettings();
  // The prompt history moved to main: hand over what this renderer kept locally (once; harmless when there is none).
  void migrateLocalHistory().catch(() => {});
  await rehydrateJobs();
  void refreshEstimate();
}
