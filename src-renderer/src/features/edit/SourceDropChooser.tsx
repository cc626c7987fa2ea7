import { useState } from 'react';
import type { ModelChoice } from '../controls/capabilities';
import type { CanvasSource } from './canvas/types';

/**
 * Switching to a model that edits fewer sources than are on the canvas (2.0 takes 5, 1.0 takes 3: issue 15.4) says
 * so and lets the user pick which to drop, the last ones preselected; or keep the current model. Nothing is dropped
 * until the user confirms.
 */
export function SourceDropChooser(props: {
  target: ModelChoice;
  limit: number;
  sources: readonly CanvasSource[];
  onConfirm(dropKeys: string[]): void;
  onCancel(): void;
}) {
  const excess = props.sources.length - props.limit;
  const [drop, setDrop] = useState<Set<string>>(() => new Set(props.sources.slice(props.limit).map((c) => c.key)));
  const toggle = (key: string) => setDrop((d) => {
    const next = new Set(d);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  const ready = drop.size === excess;
  return (
    <div role="group" aria-labelledby="drop-sources-title" className="drop-sources">
      <p id="drop-sources-title">
        {props.target.name} edits at most {props.limit} images at once; there are {props.sources.length} on the canvas.
        Choose {excess} to drop.
      </p>
      <ul>
        {props.sources.map((c, i) => (
          <li key={c.key}>
            <label>
              <input type="checkbox" checked={drop.has(c.key)} onChange={() => toggle(c.key)} />
              <img src={c.source.thumbDataUrl} alt="" width={32} height={32} />
              {`Drop source ${i + 1}`} <span className="muted">{c.source.name}</span>
            </label>
          </li>
        ))}
      </ul>
      <div className="drop-sources-actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => props.onConfirm([...drop])}>
          {`Drop ${excess} and use ${props.target.name}`}
        </button>
        <button type="button" onClick={props.onCancel}>Keep the current model</button>
      </div>
      {!ready && <small className="control-reason">{`Tick exactly ${excess} (${drop.size} ticked).`}</small>}
    </div>
  );
}
