/**
 * At start, every stored choice naming a retired model — the image model in Settings, saved presets, and batches with
 * work still to send or retry — is rewritten to its successor with the quality the retirement fixes, and the user is
 * told once per retired model (xai-imagine-api-updates.md §1 #1–2). Work already sent keeps the model it was sent
 * with (that is history). New submits, retries and Remix resolve the model again as they go out.
 */
import type { CapabilityTable, Settings, SettingsPatch } from '@contract';
import type { JobStore } from '../../core/jobs/job-store';
import { RETRYABLE_STATES } from '../../core/jobs/types';
import { distinctNotices, moveRetired, type MovedChoice } from '../../core/models/retirements';
import type { Logger } from '../../core/ports';
import type { PresetStore } from '../presets/presets';

export interface RetirementDeps {
  table: () => CapabilityTable;
  jobs: Pick<JobStore, 'listBatches' | 'setBatchModel'>;
  presets?: PresetStore | undefined;
  settings?: { current(): Settings; update(patch: SettingsPatch): Promise<unknown> } | undefined;
  logger: Logger;
}

/** Rewrites what names a retired model; answers the notices to show (empty: nothing named one). */
export async function migrateRetiredModels(deps: RetirementDeps): Promise<string[]> {
  const table = deps.table();
  const moves: (MovedChoice | null)[] = [];
  let batches = 0;
  let presets = 0;
  let settingsMoved = false;

  const s = deps.settings?.current();
  if (s) {
    const moved = moveRetired({ model: s.imageModel, quality: s.imageQuality }, table);
    if (moved) {
      await deps.settings?.update({ imageModel: moved.model, ...(moved.quality ? { imageQuality: moved.quality } : {}) });
      moves.push(moved);
      settingsMoved = true;
    }
  }
  for (const p of deps.presets?.listPresets() ?? []) {
    const moved = moveRetired(p, table);
    if (!moved) continue;
    const { quality: _old, ...rest } = p;
    deps.presets?.putPreset({ ...rest, model: moved.model, ...(moved.quality ? { quality: moved.quality } : {}) });
    moves.push(moved);
    presets++;
  }
  for (const { batch, jobs } of deps.jobs.listBatches()) {
    // Only batches with something still to send (queued) or to retry; finished work keeps its history.
    if (!jobs.some((j) => j.state === 'queued' || j.state === 'running' || RETRYABLE_STATES.includes(j.state))) continue;
    const moved = moveRetired(batch, table);
    if (!moved) continue;
    deps.jobs.setBatchModel(batch.id, moved.model, moved.quality === 'auto' ? 'low' : moved.quality);
    moves.push(moved);
    batches++;
  }
  const notices = distinctNotices(moves);
  if (notices.length > 0) deps.logger.info('models: retired models rewritten', { settings: settingsMoved, presets, batches });
  return notices;
}
