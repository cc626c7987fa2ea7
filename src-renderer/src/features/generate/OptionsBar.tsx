import { useStudio } from '../../stores/store';
import { AspectRatioPicker } from '../controls/AspectRatioPicker';
import { fitImageShape, imageModelChoices, imageSpec, useCapabilityTable } from '../controls/capabilities';
import { ModelPicker } from '../controls/ModelPicker';
import { QualityPicker } from '../controls/QualityPicker';
import { ResolutionPicker } from '../controls/ResolutionPicker';
import '../controls/controls.css';

/** Model, images per prompt, resolution, quality (2.0 only) and aspect ratio: each offers only what the chosen model takes. */
export function OptionsBar() {
  const draft = useStudio((s) => s.draft);
  const setDraft = useStudio((s) => s.setDraft);
  const table = useCapabilityTable();
  const model = imageSpec(table, draft.model);
  const chooseModel = (id: string) => {
    const next = imageSpec(table, id);
    if (!next) return setDraft({ model: id });
    const { shape, notes } = fitImageShape(next, { aspectRatio: draft.aspectRatio, resolution: draft.resolution, quality: draft.quality });
    setDraft({ model: id, ...shape });
    if (notes.length > 0) useStudio.getState().pushNotice('info', notes.join(' '));
  };
  return (
    <div className="options-bar">
      <ModelPicker choices={imageModelChoices(table)} value={draft.model} onChange={chooseModel} />
      <label className="field">
        <span>Images per prompt</span>
        <input
          type="number"
          min={1}
          max={10}
          value={draft.n}
          onChange={(e) => setDraft({ n: Math.min(10, Math.max(1, Math.round(Number(e.target.value) || 1))) })}
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
