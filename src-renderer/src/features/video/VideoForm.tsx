import { VideoMode, providerOf, videoModeReason, type VideoEstimate } from '@contract';
import { useEffect, useState } from 'react';
import { useStudio } from '../../stores/store';
import { VIDEO_FORM_OPTIONS, type VideoForm as Form } from '../../stores/video-slice';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';
import { estimateVideo, submitVideo } from './commands';
import { MODE_LABELS, normalizeForm, sourceVideoReason, toSubmit, usd } from './form-model';
import { ShapeFields } from './ShapeFields';
import { SourceFields } from './SourceFields';
import { useCapabilityTable, videoModelChoices, videoProviders } from '../controls/capabilities';
import { ModelPicker } from '../controls/ModelPicker';
import { ProviderKeyNote } from '../generate/ProviderKeyNote';
import { useKeyedChoice } from '../shell/KeyGate';
import { RewrittenNote, useEnhancer } from '../generate/EnhanceControls';
import { Examples, VIDEO_EXAMPLES } from '../shell/Examples';

/** Asks main for the cost and problems of the current form, debounced so typing does not flood it. */
function useEstimate(form: Form): VideoEstimate | null {
  const [estimate, setEstimate] = useState<VideoEstimate | null>(null);
  useEffect(() => {
    const built = toSubmit(form);
    if (!('submit' in built)) return;
    let live = true;
    const t = setTimeout(() => void estimateVideo(built.submit).then((e) => live && setEstimate(e)), 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [form]);
  // A form that cannot be sent yet has no estimate; the last one would be stale.
  return 'submit' in toSubmit(form) ? estimate : null;
}

/** One form for every mode; options that do not apply are disabled with the reason beside them. */
export function VideoForm() {
  const form = useStudio((s) => s.video.form);
  const simulated = useSimulated();
  const patchRaw = useStudio((s) => s.patchVideoForm);
  // Touched (Settings stop setting the options, issue 14.8) only when the user changed an option, not the prompt or mode.
  const patch = (p: Partial<Form>) => patchRaw(normalizeForm({ ...form, ...p }), VIDEO_FORM_OPTIONS.some((k) => k in p));
  const estimate = useEstimate(form);
  const table = useCapabilityTable();
  // The provider follows the chosen model; picking a provider picks its first model that does this mode.
  const provider = providerOf(form.model, table) ?? 'xai';
  // Only a MiniMax key set: the form opens on MiniMax (not an option the user touched).
  useKeyedChoice(provider, videoProviders(table).map((p) => p.id), (p) => {
    const model = videoModelChoices(table, form.mode, p)[0]?.id;
    if (model) patchRaw(normalizeForm({ ...form, model }), false);
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const built = toSubmit(form);
  const enhancer = useEnhancer({
    prompt: form.prompt, target: 'video', submitLabel: 'Generate video',
    // An earlier original wins: enhancing a rewrite again still keeps the user's own words.
    onAccept: (original, rewrite) => patchRaw({ prompt: rewrite, originalPrompt: form.originalPrompt ?? original }, false),
  });
  const blocker = 'missing' in built ? built.missing : sourceVideoReason(form) ?? estimate?.issues[0]?.message ?? null;

  const submit = async () => {
    if (!('submit' in built)) return;
    setBusy(true);
    setError(await submitVideo(built.submit));
    setBusy(false);
  };

  return (
    <form className="video-form" aria-label="New video" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <fieldset className="video-modes">
        <legend>Mode</legend>
        {VideoMode.options.map((m) => (
          <label key={m} className="video-chip">
            <input type="radio" name="video-mode" checked={form.mode === m} onChange={() => patch({ mode: m })}
              title={videoModeReason(m, form.model) ?? undefined} />
            {MODE_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <label className="video-field">
        {form.mode === 'edit' ? 'Edit instruction' : form.mode === 'extend' ? 'What happens next' : 'Prompt'}
        <textarea rows={3} value={form.prompt} onChange={(e) => patch(e.target.value.trim() ? { prompt: e.target.value } : { prompt: e.target.value, originalPrompt: null })}
          placeholder={form.mode === 'image' ? 'Optional: how the image should move' : 'A paper boat drifting down a rain-soaked street'} />
      </label>
      <div className="video-prompt-tools" role="group" aria-label="Prompt tools">{enhancer.button}</div>
      {form.mode === 'text' && <Examples examples={VIDEO_EXAMPLES} onPick={(prompt) => patch({ prompt, originalPrompt: null })} />}
      {enhancer.panel}
      {form.originalPrompt && !enhancer.open && (
        <RewrittenNote original={form.originalPrompt} kept="video" onRestore={() => patchRaw({ prompt: form.originalPrompt ?? '', originalPrompt: null }, false)} />
      )}
      <SourceFields form={form} />
      <label className="field video-provider">
        <span className="field-label">Provider</span>
        <select value={provider} onChange={(e) => patch({ model: videoModelChoices(table, form.mode, e.target.value as typeof provider)[0]?.id ?? form.model })}>
          {videoProviders(table).map((p) => (
            <option key={p.id} value={p.id} disabled={videoModelChoices(table, form.mode, p.id).length === 0}>{p.name}</option>
          ))}
        </select>
      </label>
      {/* MiniMax without a key in main (and demo off): said here, with the key form, before the click. */}
      <ProviderKeyNote provider={provider} />
      <ModelPicker choices={videoModelChoices(table, form.mode, provider)} value={form.model} onChange={(model) => patch({ model })} />
      <ShapeFields form={form} patch={patch} />
      <p className="video-estimate" role="status" aria-label="Estimated cost">
        {estimate ? `Estimated cost: about ${usd(estimate.ticks)}${simulatedMark(simulated)}` : 'Estimated cost: —'}
      </p>
      {!simulated && typeof estimate?.budgetCapUsd === 'number' && estimate.committedTicks !== undefined ? (
        <p className={estimate.exceedsBudget ? 'video-budget over' : 'video-budget'} data-testid="video-budget">
          {estimate.exceedsBudget ? 'Over budget: ' : 'Budget: '}
          {usd(estimate.committedTicks)} spent or queued this session of ${estimate.budgetCapUsd.toFixed(2)}
        </p>
      ) : null}
      {blocker ? <p className="video-reason" role="note">{blocker}</p> : null}
      {error ? <p className="video-error" role="alert">{error}</p> : null}
      <button type="submit" className="video-primary" disabled={busy || blocker !== null}>
        {busy ? 'Starting…' : 'Generate video'}
      </button>
    </form>
  );
}
