import { useId } from 'react';
import { API_LIMITS } from '@contract';
import { useStudio } from '../../stores/store';
import { AspectRatioPicker } from '../controls/AspectRatioPicker';
import { useKeyedChoice } from '../shell/KeyGate';
import { fitImageShape, imageModelChoices, imageProviderOf, imageProviders, imageSpec, useCapabilityTable } from '../controls/capabilities';
import { ModelPicker } from '../controls/ModelPicker';
import { QualityPicker } from '../controls/QualityPicker';
import { ResolutionPicker } from '../controls/ResolutionPicker';
import '../controls/controls.css';

/**
 * Provider, model, images per prompt, resolution, quality (2.0 only) and aspect ratio: each offers only what the
 * chosen model takes, from the capability table. The provider follows from the model (no second fact to keep in step):
 * choosing one moves the draft to that provider's default model.
 */
export function OptionsBar() {
  const draft = useStudio((s) => s.draft);
  const setDraft = useStudio((s) => s.setDraft);
  const table = useCapabilityTable();
  const providerId = useId();
  const model = imageSpec(table, draft.model);
  const provider = imageProviderOf(table, draft.model);
  const chooseModel = (id: string) => {
    const next = imageSpec(table, id);
    if (!next) return setDraft({ model: id });
    const { shape, notes } = fitImageShape(next, { aspectRatio: draft.aspectRatio, resolution: draft.resolution, quality: draft.quality });
    setDraft({ model: id, ...shape });
    if (notes.length > 0) useStudio.getState().pushNotice('info', notes.join(' '));
  };
  const providers = imageProviders(table);
  useKeyedChoice(provider, providers, (p) => chooseModel(table.providers[p].defaultImageModel));
  return (
    <div className="options-bar">
      {providers.length > 1 && (
        <div className="field control-provider">
          <label htmlFor={providerId} className="field-label">Provider</label>
          <select id={providerId} value={provider} onChange={(e) => chooseModel(table.providers[e.target.value as typeof provider].defaultImageModel)}>
            {providers.map((p) => <option key={p} value={p}>{table.providers[p].name}</option>)}
          </select>
        </div>
      )}
      <ModelPicker choices={imageModelChoices(table, 'generate', [provider])} value={draft.model} onChange={chooseModel} />
      <label className="field">
        <span>Images per prompt</span>
        <input
          type="number"
          min={API_LIMITS.images.min}
          max={API_LIMITS.images.max}
          value={draft.n}
          onChange={(e) => setDraft({ n: Math.min(API_LIMITS.images.max, Math.max(API_LIMITS.images.min, Math.round(Number(e.target.value) || 1))) })}
        />
      </label>
      <ResolutionPicker
        options={(model?.resolutions ?? ['1k']).map((r) => ({ value: r, label: r }))}
        value={draft.resolution}
        onChange={(resolution) => setDraft({ resolution })}
      />
      <QualityPicker model={model} call="generate" value={draft.quality} onChange={(quality) => setDraft({ quality })} />
      <div className="field-wide">
        <AspectRatioPicker options={model?.ratios ?? ['1:1']} value={draft.aspectRatio} onChange={(aspectRatio) => setDraft({ aspectRatio })} boxSize={20} />
      </div>
    </div>
  );
}
