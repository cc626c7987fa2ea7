/** Saved parameter presets (main keeps them in jobs.db): list, save, rename, delete, and applying one to the form. */
import { findModel, type GeneratePreset } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import type { GenerateDraft } from '../../stores/jobs-slice';
import { useStudio } from '../../stores/store';

export const errorMessage = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

export async function listPresets(): Promise<GeneratePreset[]> {
  return (await invoke('presets:list', {})).presets ?? [];
}

/** The form's quality when its model takes one (a preset of a model without one keeps none). */
const qualityOf = (draft: Pick<GenerateDraft, 'model' | 'quality'>) =>
  (findModel(draft.model, 'image', useStudio.getState().capabilities.table)?.qualities.length ? { quality: draft.quality } : {});

/** Saves the form's model, count, ratio, resolution and quality under `name` (replacing a preset of that name). */
export async function saveDraftAsPreset(name: string, promptSuffix: string): Promise<GeneratePreset> {
  const { draft } = useStudio.getState();
  return invoke('presets:save', {
    name, promptSuffix, model: draft.model, n: draft.n, aspectRatio: draft.aspectRatio, resolution: draft.resolution, ...qualityOf(draft),
  });
}

export async function renamePreset(preset: GeneratePreset, name: string): Promise<GeneratePreset> {
  const { id, model, n, aspectRatio, resolution, promptSuffix, quality } = preset;
  return invoke('presets:save', { id, name, model, n, aspectRatio, resolution, promptSuffix, ...(quality ? { quality } : {}) });
}

export async function deletePreset(id: string): Promise<void> {
  await invoke('presets:delete', { id });
}

/** Adds the suffix to each prompt (each line in batch mode) that does not end with it already. */
export function withSuffix(text: string, suffix: string, batchMode: boolean): string {
  if (!suffix.trim()) return text;
  const add = (line: string) => (line.trim() === '' || line.trimEnd().endsWith(suffix.trim()) ? line : `${line.trimEnd()}${suffix}`);
  // An empty prompt gets the suffix alone; the caret goes before it, so what the user types comes first.
  if (!text.trim()) return suffix.trimStart();
  return batchMode ? text.split('\n').map(add).join('\n') : add(text);
}

/** The form as the preset sets it. */
export function presetPatch(preset: GeneratePreset, draft: GenerateDraft): Partial<GenerateDraft> {
  return {
    model: preset.model, n: preset.n, aspectRatio: preset.aspectRatio, resolution: preset.resolution,
    ...(preset.quality ? { quality: preset.quality } : {}),
    text: withSuffix(draft.text, preset.promptSuffix, draft.batchMode),
  };
}

/** Whether the form still holds the preset's parameters. */
export const matchesPreset = (p: GeneratePreset, d: GenerateDraft) =>
  p.model === d.model && p.n === d.n && p.aspectRatio === d.aspectRatio && p.resolution === d.resolution && (!p.quality || p.quality === d.quality);
