import type { BatchView, ImageModelView } from '@contract';
import { useStudio } from '../../stores/store';
import { AspectPicker } from './AspectPicker';
import { usd } from './format';

/** Model, images per prompt, aspect ratio and resolution. */
export function OptionsBar({ models }: { models: ImageModelView[] }) {
  const draft = useStudio((s) => s.draft);
  const setDraft = useStudio((s) => s.setDraft);
  const model = models.find((m) => m.id === draft.model);
  const resolutions = model?.resolutions.filter((r) => r !== '1.5k') ?? ['1k', '2k'];
  return (
    <div className="options-bar">
      <label className="field">
        <span>Model</span>
        <select value={draft.model} onChange={(e) => setDraft({ model: e.target.value })}>
          {models.length === 0 && <option value={draft.model}>{draft.model}</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id} · {usd(m.pricePerImageTicks)}/image
            </option>
          ))}
        </select>
        {model?.note && <small className="field-note">{model.note}</small>}
      </label>
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
      <div className="field" role="group" aria-label="Resolution">
        <span>Resolution</span>
        <div className="segmented">
          {resolutions.map((r) => (
            <button key={r} type="button" aria-pressed={draft.resolution === r} onClick={() => setDraft({ resolution: r as BatchView['resolution'] })}>
              {r}
            </button>
          ))}
        </div>
      </div>
      <div className="field field-wide">
        <span>Aspect ratio</span>
        <AspectPicker value={draft.aspectRatio} onChange={(aspectRatio) => setDraft({ aspectRatio })} />
      </div>
    </div>
  );
}
