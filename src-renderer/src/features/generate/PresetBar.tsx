import type { GeneratePreset } from '@contract';
import { useEffect, useState } from 'react';
import { useStudio } from '../../stores/store';
import { deletePreset, errorMessage, listPresets, matchesPreset, presetPatch, renamePreset, saveDraftAsPreset } from './presets';

type Mode = { kind: 'idle' } | { kind: 'save' } | { kind: 'rename'; preset: GeneratePreset } | { kind: 'delete'; preset: GeneratePreset };

/**
 * Saved presets of the form's parameters (model, images per prompt, aspect ratio, resolution, and an optional
 * prompt suffix): pick one to fill the form, save the current settings under a name, rename or delete the picked one.
 */
export function PresetBar() {
  const draft = useStudio((s) => s.draft);
  const setDraft = useStudio((s) => s.setDraft);
  const [presets, setPresets] = useState<GeneratePreset[]>([]);
  const [pickedId, setPickedId] = useState('');
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [name, setName] = useState('');
  const [suffix, setSuffix] = useState('');
  const [error, setError] = useState<string | null>(null);
  const picked = presets.find((p) => p.id === pickedId) ?? null;

  const reload = async () => {
    try {
      setPresets(await listPresets());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useEffect(() => {
    let live = true;
    listPresets().then(
      (list) => live && setPresets(list),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const pick = (id: string) => {
    setPickedId(id);
    setMode({ kind: 'idle' });
    const preset = presets.find((p) => p.id === id);
    if (!preset) return;
    setDraft(presetPatch(preset, useStudio.getState().draft));
    if (preset.promptSuffix && !draft.text.trim()) {
      // The suffix alone in the box: put the caret before it.
      requestAnimationFrame(() => {
        const box = document.getElementById('prompt-input') as HTMLTextAreaElement | null;
        box?.focus();
        box?.setSelectionRange(0, 0);
      });
    }
  };
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      setMode({ kind: 'idle' });
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const begin = (next: Mode) => {
    setError(null);
    setMode(next);
    setName(next.kind === 'rename' ? next.preset.name : next.kind === 'save' ? (picked?.name ?? '') : '');
    setSuffix(next.kind === 'save' ? (picked?.promptSuffix ?? '') : '');
  };

  return (
    <div className="preset-bar" role="group" aria-label="Presets">
      <div className="preset-row">
        <label className="preset-pick">
          <span>Preset</span>
          <select value={pickedId} onChange={(e) => pick(e.target.value)}>
            <option value="">{presets.length ? 'Choose a preset…' : 'No presets yet'}</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {p.model} · {p.n}× · {p.aspectRatio} · {p.resolution}
                {p.promptSuffix ? ` · “…${p.promptSuffix.trim()}”` : ''}
              </option>
            ))}
          </select>
        </label>
        {picked && !matchesPreset(picked, draft) && <span className="muted preset-changed">changed since picked</span>}
        <button type="button" onClick={() => begin({ kind: 'save' })}>Save as preset…</button>
        {/* Rename and Delete act on the picked preset: they appear with it, so the composer stays one short row. */}
        {picked && (
          <>
            <button type="button" onClick={() => begin({ kind: 'rename', preset: picked })}>Rename…</button>
            <button type="button" onClick={() => begin({ kind: 'delete', preset: picked })}>Delete</button>
          </>
        )}
      </div>
      {(mode.kind === 'save' || mode.kind === 'rename') && (
        <div
          className="preset-row preset-edit"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setMode({ kind: 'idle' });
            } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
              // Enter saves the preset, never submits the batch around it.
              e.preventDefault();
              e.currentTarget.querySelector<HTMLButtonElement>('button.preset-confirm')?.click();
            }
          }}
        >
          <label className="field">
            <span>{mode.kind === 'save' ? 'Preset name' : `New name for “${mode.preset.name}”`}</span>
            <input
              autoFocus
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          {mode.kind === 'save' && (
            <label className="field preset-suffix">
              <span>Prompt suffix (optional)</span>
              <input value={suffix} maxLength={1000} placeholder=", 35mm film, soft light" onChange={(e) => setSuffix(e.target.value)} />
            </label>
          )}
          <button
            type="button"
            className="preset-confirm"
            disabled={!name.trim()}
            onClick={() =>
              void run(async () => {
                const saved = mode.kind === 'save' ? await saveDraftAsPreset(name.trim(), suffix) : await renamePreset(mode.preset, name.trim());
                setPickedId(saved.id);
              })
            }
          >
            {mode.kind === 'save' ? 'Save preset' : 'Rename'}
          </button>
          <button type="button" onClick={() => setMode({ kind: 'idle' })}>Cancel</button>
          {mode.kind === 'save' && (
            <small className="muted">
              Saves {draft.model} · {draft.n} per prompt · {draft.aspectRatio} · {draft.resolution}
            </small>
          )}
        </div>
      )}
      {mode.kind === 'delete' && (
        <div className="preset-row preset-edit" role="alertdialog" aria-label="Delete preset">
          <span>Delete the preset “{mode.preset.name}”? Images made with it are not affected.</span>
          <button
            type="button"
            className="preset-confirm danger"
            autoFocus
            onClick={() =>
              void run(async () => {
                await deletePreset(mode.preset.id);
                setPickedId('');
              })
            }
          >
            Delete preset
          </button>
          <button type="button" onClick={() => setMode({ kind: 'idle' })}>Keep it</button>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}
