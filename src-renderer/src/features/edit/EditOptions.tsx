import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { qualityLabel, type EditEstimateView } from '@contract';
import { invoke } from '../../lib/api';
import { useCanvas, useCanvasStore } from './canvas-context';
import type { EditParams } from './canvas/types';
import { submitEdit } from './commands';
import { formatTicks } from './format';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';
import { AspectRatioPicker } from '../controls/AspectRatioPicker';
import { fitImageShape, imageModelChoices, imageSpec, useCapabilityTable } from '../controls/capabilities';
import { ModelPicker } from '../controls/ModelPicker';
import { QualityPicker } from '../controls/QualityPicker';
import { ResolutionPicker } from '../controls/ResolutionPicker';
import { dropSources, runAction } from './canvas/actions';
import { editSourceLimit } from './canvas/source-limit';
import { SourceDropChooser } from './SourceDropChooser';
import '../controls/controls.css';

/** Model, count, resolution, quality (2.0), aspect ratio (multi-source only), the estimate and the Edit button. */
export function EditOptions() {
  const store = useCanvasStore();
  const params = useCanvas((s) => s.params);
  const simulated = useSimulated();
  const table = useCapabilityTable();
  const { count, pending, submitting, prompt, sources } = useCanvas(useShallow((s) => ({
    count: s.doc.sources.length, pending: s.pending, submitting: s.submitting, prompt: s.prompt, sources: s.doc.sources,
  })));
  /** A model chosen that takes fewer sources than are on the canvas: waiting for the user to pick which to drop. */
  const [switching, setSwitching] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<EditEstimateView | null>(null);
  /** The user's own choice: from now on Settings' defaults no longer move this canvas's options (issue 14.8). */
  const set = (patch: Partial<EditParams>) => store.setState((s) => ({ params: { ...s.params, ...patch }, paramsTouched: true }));
  const model = imageSpec(table, params.model);

  useEffect(() => {
    let live = true;
    invoke('edit:estimate', { sourceCount: count, model: params.model, n: params.n, resolution: params.resolution, quality: params.quality })
      .then((e) => live && setEstimate(e), () => live && setEstimate(null));
    return () => void (live = false);
    // `submitting` too: after an edit the committed spend changed, so the budget line must follow.
  }, [count, params.model, params.n, params.resolution, params.quality, submitting]);
  /** Keeps the resolution, ratio and quality valid for the new model. */
  const switchModel = (id: string) => {
    const next = imageSpec(table, id);
    setSwitching(null);
    set({ model: id, ...(next ? fitImageShape(next, { resolution: params.resolution, aspectRatio: params.aspectRatio, quality: params.quality }).shape : {}) });
  };
  const switchTarget = switching ? imageModelChoices(table, 'edit').find((c) => c.id === switching) : undefined;
  const ready = count > 0 && pending === 0 && prompt.trim() !== '' && !submitting;
  return (
    <div className="edit-options">
      <ModelPicker
        choices={imageModelChoices(table, 'edit')}
        value={params.model}
        onChange={(id) => (count > editSourceLimit(id) ? setSwitching(id) : switchModel(id))}
      />
      {switchTarget && (
        <SourceDropChooser
          key={switchTarget.id}
          target={switchTarget}
          limit={editSourceLimit(switchTarget.id)}
          sources={sources}
          onCancel={() => setSwitching(null)}
          onConfirm={(keys) => {
            runAction(store, dropSources, keys);
            switchModel(switchTarget.id);
          }}
        />
      )}
      <label className="field">
        <span>Images</span>
        <input type="number" min={1} max={10} value={params.n} onChange={(e) => set({ n: Math.min(10, Math.max(1, Number(e.target.value) || 1)) })} />
      </label>
      <ResolutionPicker
        options={(model?.resolutions ?? ['1k']).map((r) => ({ value: r, label: r }))}
        value={params.resolution}
        onChange={(resolution) => set({ resolution })}
      />
      <QualityPicker model={model} call="edit" value={params.quality} onChange={(quality) => set({ quality })} />
      {count > 1 ? (
        <AspectRatioPicker options={model?.ratios ?? ['auto']} value={params.aspectRatio} autoLabel="first" onChange={(aspectRatio) => set({ aspectRatio })} />
      ) : (
        <p className="field muted keeps-ratio">Aspect ratio: keeps the source&apos;s aspect ratio.</p>
      )}
      <p className="edit-estimate" aria-label="Estimated cost">
        {estimate && estimate.source !== 'unknown'
          ? `About ${formatTicks(estimate.ticks)}${simulatedMark(simulated)}: ${params.n} × output${estimate.quality ? ` at ${qualityLabel(estimate.quality)} quality` : ''} (${formatTicks(estimate.outputTicks)}) + ${count} input image${count === 1 ? '' : 's'} (${formatTicks(estimate.inputTicks)})`
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
