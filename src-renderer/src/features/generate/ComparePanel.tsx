import { useState } from 'react';
import { qualityLabel, type CompareCombination, type ImageQuality, type ImageResolution } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { imageModelChoices, imageSpec, useCapabilityTable } from '../controls/capabilities';

/**
 * "Compare models": the form's one prompt sent to 2–4 model/quality/resolution combinations at once (n and the
 * aspect ratio are the form's). The results come back side by side on the board, one group per combination.
 */
export function ComparePanel(props: { onClose(): void }) {
  const table = useCapabilityTable();
  const draft = useStudio((s) => s.draft);
  const models = imageModelChoices(table);
  const first = models[0]?.id ?? draft.model;
  const second = models[1]?.id ?? first;
  const [rows, setRows] = useState<CompareCombination[]>([
    { model: draft.model, resolution: draft.resolution, ...(draft.quality !== 'auto' ? { quality: draft.quality } : {}) },
    { model: draft.model === first ? second : first, resolution: '1k' },
  ]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<CompareCombination>) =>
    setRows((r) => r.map((row, j) => {
      if (j !== i) return row;
      const next = { ...row, ...patch };
      const spec = imageSpec(table, next.model);
      if (!spec?.qualities.length) delete next.quality;
      if (spec && !spec.resolutions.includes(next.resolution)) next.resolution = spec.resolutions[0] ?? '1k';
      return next;
    }));

  async function compare() {
    setBusy(true);
    setError(null);
    try {
      const out = await invoke('jobs:compare', {
        prompt: draft.text.trim(), n: draft.n, aspectRatio: draft.aspectRatio, combinations: rows,
        ...(draft.originalPrompt ? { originalPrompt: draft.originalPrompt } : {}),
      });
      for (const b of [...out.batches].reverse()) useStudio.getState().addBatch(b);
      props.onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="compare" aria-label="Compare models">
      <legend>Compare models: one prompt, {rows.length} combinations</legend>
      {rows.map((row, i) => {
        const spec = imageSpec(table, row.model);
        return (
          <div className="compare-row" key={i} role="group" aria-label={`Combination ${i + 1}`}>
            <label className="field">
              <span>Model {i + 1}</span>
              <select value={row.model} onChange={(e) => set(i, { model: e.target.value })}>
                {models.map((m) => <option key={m.id} value={m.id}>{m.name} · {m.price}</option>)}
              </select>
            </label>
            {spec && spec.qualities.length > 0 && (
              <label className="field">
                <span>Quality {i + 1}</span>
                <select value={row.quality ?? 'auto'} onChange={(e) => set(i, { quality: e.target.value as ImageQuality })}>
                  {spec.qualities.map((q) => <option key={q} value={q}>{qualityLabel(q)}</option>)}
                </select>
              </label>
            )}
            <label className="field">
              <span>Resolution {i + 1}</span>
              <select value={row.resolution} onChange={(e) => set(i, { resolution: e.target.value as ImageResolution })}>
                {(spec?.resolutions ?? ['1k']).map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </label>
            <button type="button" disabled={rows.length <= 2} onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>Remove</button>
          </div>
        );
      })}
      <div className="compare-actions">
        <button type="button" disabled={rows.length >= 4} onClick={() => setRows((r) => [...r, { ...(r.at(-1) as CompareCombination) }])}>Add combination</button>
        <button type="button" className="primary" disabled={busy || !draft.text.trim() || draft.batchMode} onClick={() => void compare()}>
          {busy ? 'Queuing…' : `Compare ${rows.length} combinations`}
        </button>
        <button type="button" onClick={props.onClose}>Close</button>
        {draft.batchMode && <span className="muted">Turn batch mode off: a comparison sends one prompt.</span>}
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
    </fieldset>
  );
}
