/**
 * "Use these settings again": fills the Generate form from a library item (the Library's Remix hand-off) or from a
 * batch on the board. Values are checked before they land in the form: an unknown or deprecated model falls back
 * (with a notice saying so), and anything out of range keeps what the form had.
 */
import type { BatchView, ImageModelView, LibraryRecord } from '@contract';
import { JOB_ASPECT_RATIOS, JOB_RESOLUTIONS } from '@contract';
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
}

export interface RemixResult {
  patch: Partial<GenerateDraft>;
  /** What could not be reused as it was, in words (empty when everything applied). */
  notes: string[];
}

const isAspect = (v: unknown): v is GenerateDraft['aspectRatio'] => typeof v === 'string' && (JOB_ASPECT_RATIOS as readonly string[]).includes(v);
const isResolution = (v: unknown): v is GenerateDraft['resolution'] => typeof v === 'string' && (JOB_RESOLUTIONS as readonly string[]).includes(v);

/** Resolves a model id against the list: itself, the model it is now an alias of, or null (unknown). */
function resolveModel(id: string, models: readonly ImageModelView[]): ImageModelView | null {
  return models.find((m) => m.id === id) ?? models.find((m) => m.aliases.includes(id)) ?? null;
}

/** Pure: the draft patch for `settings` given the models known and the current draft. */
export function remixPatch(settings: RemixSettings, models: readonly ImageModelView[], current: GenerateDraft): RemixResult {
  const notes: string[] = [];
  const patch: Partial<GenerateDraft> = { text: settings.prompt, batchMode: false };
  if (typeof settings.model === 'string' && settings.model.trim()) {
    const wanted = settings.model.trim();
    if (models.length === 0) patch.model = wanted; // not loaded yet: main validates at submit, loadModels maps aliases
    else {
      const found = resolveModel(wanted, models);
      if (found && found.id === wanted) patch.model = wanted;
      else if (found) {
        patch.model = found.id;
        notes.push(`${wanted} is deprecated; using ${found.id}.`);
      } else {
        const fallback = resolveModel(current.model, models) ?? models[0];
        if (fallback) patch.model = fallback.id;
        notes.push(`The model ${wanted} is not available any more; using ${fallback?.id ?? current.model}.`);
      }
    }
  }
  const n = typeof settings.n === 'number' ? settings.n : Number.NaN;
  if (Number.isInteger(n) && n >= 1 && n <= 10) patch.n = n;
  if (isAspect(settings.aspectRatio)) patch.aspectRatio = settings.aspectRatio;
  if (isResolution(settings.resolution)) {
    // The form offers 1k and 2k (1.5k is not a choice there), narrowed to what the model supports.
    const model = resolveModel(patch.model ?? current.model, models);
    const offered = settings.resolution !== '1.5k' && (!model || model.resolutions.includes(settings.resolution));
    if (offered) patch.resolution = settings.resolution;
    else notes.push(`${patch.model ?? current.model} has no ${settings.resolution} resolution; kept ${current.resolution}.`);
  }
  return { patch, notes };
}

/** What a library item offers: a generated image brings all its settings; an edit, a video or an import only its prompt. */
export function settingsOfRecord(record: LibraryRecord): { settings: RemixSettings; promptOnly: boolean } {
  const prompt = record.prompt || record.editInstruction || '';
  if (record.kind !== 'image' || record.origin !== 'generated') return { settings: { prompt }, promptOnly: true };
  const p = record.params;
  return {
    settings: { prompt, model: p.model ?? record.model, n: p.n, aspectRatio: p.aspect_ratio ?? record.aspectRatio, resolution: p.resolution },
    promptOnly: false,
  };
}

export const settingsOfBatch = (batch: BatchView, prompt: string): RemixSettings => ({
  prompt, model: batch.model, n: batch.n, aspectRatio: batch.aspectRatio, resolution: batch.resolution,
});

/** Fills the form; notes become one notice. Focus goes to the prompt so the user can change it straight away. */
export function applyRemix(settings: RemixSettings, extraNote?: string): void {
  const s = useStudio.getState();
  const { patch, notes } = remixPatch(settings, s.models, s.draft);
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
