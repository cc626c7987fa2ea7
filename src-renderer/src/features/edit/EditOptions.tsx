import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { JOB_ASPECT_RATIOS, type EditEstimateView, type EditModelView } from '@contract';
import { invoke } from '../../lib/api';
import { useCanvas, useCanvasStore } from './canvas-context';
import type { EditParams } from './canvas/types';
import { submitEdit } from './commands';
import { formatTicks } from './format';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';

/** Model, count, resolution, aspect ratio (multi-source only), the estimate and the Edit button. */
export function EditOptions() {
  const store = useCanvasStore();
  const params = useCanvas((s) => s.params);
  const simulated = useSimulated();
  const { count, pending, submitting, prompt } = useCanvas(useShallow((s) => ({
    count: s.doc.sources.length, pending: s.pending, submitting: s.submitting, prompt: s.prompt,
  })));
  const [models, setModels] = useState<EditModelView[]>([]);
  const [estimate, setEstimate] = useState<EditEstimateView | null>(null);
  const set = (patch: Partial<EditParams>) => store.setState((s) => ({ params: { ...s.params, ...patch } }));

  useEffect(() => {
    invoke('edit:models', {}).then((r) => setModels(r.models), () => setModels([]));
  }, []);
  useEffect(() => {
    let live = true;
    invoke('edit:estimate', { sourceCount: count, model: params.model, n: params.n, resolution: params.resolution })
      .then((e) => live && setEstimate(e), () => live && setEstimate(null));
    return () => void (live = false);
    // `submitting` too: after an edit the committed spend changed, so the budget line must follow.
  }, [count, params.model, params.n, params.resolution, submitting]);
  const resolutions = models.find((m) => m.id === params.model)?.resolutions ?? ['1k', '2k'];
  const ready = count > 0 && pending === 0 && prompt.trim() !== '' && !submitting;
  return (
    <div className="edit-options">
      <label className="field">
        <span>Model</span>
        <select
          value={params.model}
          onChange={(e) => {
            // Keep the resolution valid for the new model (2.0 offers 1.5k, the others do not).
            const offered = models.find((m) => m.id === e.target.value)?.resolutions ?? [];
            set({ model: e.target.value, ...(offered.includes(params.resolution) ? {} : { resolution: offered[0] ?? '1k' }) });
          }}
        >
          {(models.length ? models.map((m) => m.id) : [params.model]).map((id) => <option key={id} value={id}>{id}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Images</span>
        <input type="number" min={1} max={10} value={params.n} onChange={(e) => set({ n: Math.min(10, Math.max(1, Number(e.target.value) || 1)) })} />
      </label>
      <label className="field">
        <span>Resolution</span>
        <select value={params.resolution} onChange={(e) => set({ resolution: e.target.value as EditParams['resolution'] })}>
          {resolutions.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      {count > 1 ? (
        <label className="field">
          <span>Aspect ratio</span>
          <select value={params.aspectRatio} onChange={(e) => set({ aspectRatio: e.target.value })}>
            {JOB_ASPECT_RATIOS.map((r) => <option key={r} value={r}>{r === 'auto' ? 'auto (first source)' : r}</option>)}
          </select>
        </label>
      ) : (
        <p className="field muted keeps-ratio">Aspect ratio: keeps the source&apos;s aspect ratio.</p>
      )}
      <p className="edit-estimate" aria-label="Estimated cost">
        {estimate && estimate.source !== 'unknown'
          ? `About ${formatTicks(estimate.ticks)}${simulatedMark(simulated)}: ${params.n} × output (${formatTicks(estimate.outputTicks)}) + ${count} input image${count === 1 ? '' : 's'} (${formatTicks(estimate.inputTicks)})`
          : 'Cost unknown for this model'}
      </p>
      {simulated && <p className="edit-budget" data-testid="edit-budget">Simulated: demo mode spends nothing</p>}
      {!simulated && typeof estimate?.budgetCapUsd === 'number' && (
        <p className={estimate.exceedsBudget ? 'edit-budget over' : 'edit-budget'} aria-live="polite" data-testid="edit-budget">
          {estimate.exceedsBudget ? 'Over budget: ' : 'Budget: '}
          {formatTicks(estimate.committedTicks)} spent or queued this session of ${estimate.budgetCapUsd.toFixed(2)}
        </p>
      )}
      <button type="button" className="primary" disabled={!ready} onClick={() => void submitEdit(store)}>
        {submitting ? 'Editing…' : 'Edit'}
      </button>
    </div>
  );
}
