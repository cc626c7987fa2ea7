import { useState } from 'react';
import { mediaUrl } from '../../lib/api';
import { useCanvas, useCanvasStore } from './canvas-context';
import { editAgain } from './commands';
import { CompareSlider } from './CompareSlider';

/** The current step's outputs (already in the library), with before/after and "Edit again". */
export function EditResults() {
  const store = useCanvasStore();
  const step = useCanvas((s) => s.steps.find((st) => st.id === s.currentStepId) ?? null);
  const submitting = useCanvas((s) => s.submitting);
  const error = useCanvas((s) => s.error);
  const [comparing, setComparing] = useState<string | null>(null);
  return (
    <section className="edit-results" aria-label="Results" aria-busy={submitting}>
      <h2>Results{step ? ` of step ${step.id}` : ''}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {submitting && <p className="muted">Editing… results appear here and in the library.</p>}
      {!step && !submitting && <p className="muted">Results appear here, and in the library with a link to their sources.</p>}
      {step && step.blocked > 0 && <p className="warning">{step.blocked} output{step.blocked === 1 ? ' was' : 's were'} withheld by xAI&apos;s content policy.</p>}
      <ul className="result-grid">
        {step?.results.map((r, i) => {
          // The original, not the preview: previews are rendered in the background and may not exist yet.
          const src = mediaUrl(r.file);
          const label = `result ${i + 1} of step ${step.id}`;
          const before = step.sources[0]?.source.thumbDataUrl;
          return (
            <li key={r.itemId} className="result-card">
              {comparing === r.itemId && before
                ? <CompareSlider before={before} after={src} label={label} />
                : <img src={src} alt={`Edit ${label}`} />}
              <div className="result-tools">
                <button type="button" aria-pressed={comparing === r.itemId} onClick={() => setComparing(comparing === r.itemId ? null : r.itemId)}>
                  Compare
                </button>
                <button type="button" onClick={() => void editAgain(store, r)}>Edit again</button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
