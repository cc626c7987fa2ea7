/**
 * Saved Generate presets (issue 6): model, images per prompt, aspect ratio, resolution and an optional prompt suffix
 * under a name. Kept in the job database (`jobs.db`, table `presets`) beside the prompt history, so they survive
 * library switches and rebuilds.
 */
import type { GeneratePreset, PresetSave } from '@contract';
import { fail } from '../../core/app-error';
import type { Clock } from '../../core/ports';
import { validationError } from '../../core/xai';

/** Where presets are persisted: `SqliteJobStore` (adapters/jobs) and `InMemoryPresetStore` (tests). */
export interface PresetStore {
  /** Every preset, by name (case-insensitive). */
  listPresets(): GeneratePreset[];
  getPreset(id: string): GeneratePreset | undefined;
  /** The preset of this name, compared case-insensitively. */
  presetByName(name: string): GeneratePreset | undefined;
  /** Inserts or replaces by id. */
  putPreset(preset: GeneratePreset): void;
  /** Deletes; answers whether it was there. */
  deletePreset(id: string): boolean;
}

/** Most presets kept (a picker of hundreds would be unusable anyway). */
export const PRESETS_MAX = 200;

const byName = (a: GeneratePreset, b: GeneratePreset) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.createdAt - b.createdAt;

export class InMemoryPresetStore implements PresetStore {
  private readonly presets = new Map<string, GeneratePreset>();
  listPresets(): GeneratePreset[] {
    return [...this.presets.values()].map((p) => ({ ...p })).sort(byName);
  }
  getPreset(id: string): GeneratePreset | undefined {
    const p = this.presets.get(id);
    return p && { ...p };
  }
  presetByName(name: string): GeneratePreset | undefined {
    const key = name.toLowerCase();
    const p = [...this.presets.values()].find((x) => x.name.toLowerCase() === key);
    return p && { ...p };
  }
  putPreset(preset: GeneratePreset): void {
    this.presets.set(preset.id, { ...preset });
  }
  deletePreset(id: string): boolean {
    return this.presets.delete(id);
  }
}

/** Whether a store (the job store) also keeps presets. */
export function isPresetStore(store: unknown): store is PresetStore {
  const s = store as Partial<PresetStore> | null;
  return !!s && typeof s.listPresets === 'function' && typeof s.putPreset === 'function' && typeof s.deletePreset === 'function';
}

export function createPresetService(deps: { store: PresetStore; clock: Clock; newId: () => string }) {
  const { store, clock } = deps;
  const clash = (name: string): never =>
    fail(validationError([{ path: 'name', message: `A preset named “${name}” already exists. Pick another name, or delete that one first.` }]));

  function save(input: PresetSave): GeneratePreset {
    const name = input.name.trim();
    const now = clock.now();
    const fields = {
      name, model: input.model.trim(), n: input.n, aspectRatio: input.aspectRatio, resolution: input.resolution,
      promptSuffix: input.promptSuffix ?? '',
      ...(input.quality ? { quality: input.quality } : {}),
    };
    /** A preset saved without a quality (a model without one) forgets the one it had. */
    const withFields = (p: GeneratePreset): GeneratePreset => {
      const { quality: _old, ...rest } = p;
      return { ...rest, ...fields };
    };
    const named = store.presetByName(name);
    if (input.id) {
      const current = store.getPreset(input.id) ?? fail({ kind: 'not-found', message: 'This preset was deleted.' });
      if (named && named.id !== current.id) clash(named.name);
      const next = { ...withFields(current), updatedAt: now };
      store.putPreset(next);
      return next;
    }
    // Saving under an existing name replaces that preset (the picker shows one entry per name).
    if (named) {
      const next = { ...withFields(named), updatedAt: now };
      store.putPreset(next);
      return next;
    }
    if (store.listPresets().length >= PRESETS_MAX) {
      fail(validationError([{ path: 'name', message: `At most ${PRESETS_MAX} presets. Delete some you no longer use.` }]));
    }
    const created: GeneratePreset = { id: deps.newId(), ...fields, createdAt: now, updatedAt: now };
    store.putPreset(created);
    return created;
  }

  return {
    list: () => ({ presets: store.listPresets() }),
    save,
    delete: (id: string) => ({ count: store.deletePreset(id) ? 1 : 0 }),
  };
}

export type PresetService = ReturnType<typeof createPresetService>;
