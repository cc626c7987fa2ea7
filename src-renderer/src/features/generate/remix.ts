/**
 * "Use these settings again": fills the Generate form from a library item (the Library's Remix hand-off) or from a
 * batch on the board. Values are checked before they land in the form: an unknown or deprecated model falls back
 * (with a notice saying so), and anything out of range keeps what the form had.
 */
import {
  IMAGE_ASPECT_RATIOS, IMAGE_QUALITIES, IMAGE_RESOLUTIONS, resolveModel, type BatchView, type CapabilityTable, type LibraryRecord,
} from '@contract';
import { invoke } from '../../lib/api';
import type { GenerateDraft } from '../../stores/jobs-slice';
import { useStudio } from '../../stores/store';
import { errorText } from '../library/query-commands';

/** Settings as found on an item or a batch, before validation. */
export interface RemixSettings {
  prompt: string;
  model?: unknown;
  n?: unknown;
  aspectRatio?: unknown;
  resolution?: unknown;
  quality?: unknown;
}

export interface RemixResult {
  patch: Partial<GenerateDraft>;
  /** What could not be reused as it was, in words (empty when everything applied). */
  notes: string[];
}

const isAspect = (v: unknown): v is GenerateDraft['aspectRatio'] => typeof v === 'string' && (IMAGE_ASPECT_RATIOS as readonly string[]).includes(v);
const isResolution = (v: unknown): v is GenerateDraft['resolution'] => typeof v === 'string' && (IMAGE_RESOLUTIONS as readonly string[]).includes(v);

/**
 * Pure: the draft patch for `settings` given the capability table and the current draft. An alias selects its model,
 * a retired model its successor (with the one-line retirement notice), an unknown one keeps the form's model.
 */
export function remixPatch(settings: RemixSettings, table: CapabilityTable, current: GenerateDraft): RemixResult {
  const notes: string[] = [];
  const patch: Partial<GenerateDraft> = { text: settings.prompt, batchMode: false };
  if (typeof settings.model === 'string' && settings.model.trim()) {
    const wanted = settings.model.trim();
    const found = resolveModel(wanted, 'image', table);
    if (found) {
      patch.model = found.model.id;
      // A retired model's successor runs at the quality the retirement fixes (2.0 at Low, issue 15.2).
      if (found.quality) patch.quality = found.quality;
      if (found.notice) notes.push(found.notice);
    } else {
      notes.push(`The model ${wanted} is not available any more; using ${current.model}.`);
    }
  }
  const model = resolveModel(patch.model ?? current.model, 'image', table)?.model;
  const n = typeof settings.n === 'number' ? settings.n : Number.NaN;
  if (Number.isInteger(n) && n >= 1 && n <= 10) patch.n = n;
  if (isAspect(settings.aspectRatio)) {
    if (!model || model.ratios.includes(settings.aspectRatio)) patch.aspectRatio = settings.aspectRatio;
    else notes.push(`${model.name} does not take ${settings.aspectRatio}; kept ${current.aspectRatio}.`);
  }
  if (typeof settings.resolution === 'string' && settings.resolution) {
    // Only what the form offers for this model (1.5k, for one, is not offered any more).
    if (isResolution(settings.resolution) && (!model || model.resolutions.includes(settings.resolution))) patch.resolution = settings.resolution;
    else notes.push(`${model?.name ?? current.model} has no ${settings.resolution} resolution; kept ${current.resolution}.`);
  }
  const quality = settings.quality;
  if (patch.quality === undefined && typeof quality === 'string' && (IMAGE_QUALITIES as readonly string[]).includes(quality) && model?.qualities.length) {
    patch.quality = quality as GenerateDraft['quality'];
  }
  return { patch, notes };
}

/** What a library item offers: a generated image brings all its settings; an edit, a video or an import only its prompt. */
export function settingsOfRecord(record: LibraryRecord): { settings: RemixSettings; promptOnly: boolean } {
  const prompt = record.prompt || record.editInstruction || '';
  if (record.kind !== 'image' || record.origin !== 'generated') return { settings: { prompt }, promptOnly: true };
  const p = record.params;
  return {
    settings: {
      prompt, model: p.model ?? record.model, n: p.n, aspectRatio: p.aspect_ratio ?? record.aspectRatio, resolution: p.resolution,
      quality: p.quality ?? record.servedQuality,
    },
    promptOnly: false,
  };
}

export const settingsOfBatch = (batch: BatchView, prompt: string): RemixSettings => ({
  prompt, model: batch.model, n: batch.n, aspectRatio: batch.aspectRatio, resolution: batch.resolution, quality: batch.quality,
});

/** Fills the form; notes become one notice. Focus goes to the prompt so the user can change it straight away. */
export function applyRemix(settings: RemixSettings, extraNote?: string): void {
  const s = useStudio.getState();
  const { patch, notes } = remixPatch(settings, s.capabilities.table, s.draft);
  s.setDraft(patch);
  s.setSubmitError(null);
  const all = [extraNote, ...notes].filter((x): x is string => !!x);
  if (all.length > 0) s.pushNotice(notes.length > 0 ? 'warning' : 'info', `Remix: ${all.join(' ')}`);
  requestAnimationFrame(() => document.getElementById('prompt-input')?.focus());
}

const KIND_WORD = { edited: 'an edit', imported: 'an imported image', extracted: 'a video frame', generated: 'a video' } as const;

export function applyRemixRecord(record: LibraryRecord): void {
  const { settings, promptOnly } = settingsOfRecord(record);
  const what = record.kind === 'video' ? 'a video' : KIND_WORD[record.origin];
  applyRemix(settings, promptOnly ? `only the prompt of ${what} was reused; the other settings are the form's.` : undefined);
}

/** Takes a Remix handed over from the Library (once) and fills the form from that item. */
export async function takeRemixHandoff(): Promise<void> {
  const s = useStudio.getState();
  if (s.library.handoff?.action !== 'remix') return;
  const handoff = s.takeLibraryHandoff();
  if (!handoff) return;
  try {
    const { record } = await invoke('library:item', { id: handoff.itemId });
    applyRemixRecord(record);
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not remix that item: ${errorText(err)}`);
  }
}
