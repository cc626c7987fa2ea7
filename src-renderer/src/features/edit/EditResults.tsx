import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { mediaUrl } from '../../lib/api';
import { useCanvas, useCanvasStore } from './canvas-context';
import { editAgain } from './commands';
import { CompareView, COMPARE_MODES, type CompareMode } from './CompareView';
import { useBeforeImage } from './use-before-image';
import { useFillHeight } from './use-fill-height';

/**
 * The current step's outputs on the stage (already in the library): one large result with a before/after compare in
 * three modes, a strip to pick another output, and "Edit again".
 */
export function EditResults() {
  const store = useCanvasStore();
  const step = useCanvas((s) => s.steps.find((st) => st.id === s.currentStepId) ?? null);
  const submitting = useCanvas((s) => s.submitting);
  const error = useCanvas((s) => s.error);
  const [mode, setMode] = useState<CompareMode>('toggle');
  const [picked, setPicked] = useState<{ stepId: number; index: number } | null>(null);
  const index = picked && step && picked.stepId === step.id ? Math.min(picked.index, step.results.length - 1) : 0;
  const result = step?.results[index] ?? null;
  const before = useBeforeImage(step?.sources[0]?.source ?? null);
  const stageRef = useRef<HTMLDivElement>(null);
  const stageHeight = useFillHeight(stageRef);
  // A step whose results arrive (or one picked in the step list) is brought into view where the window is short: at
  // 1024×700 the ledger and the sources above leave ~120 px of the stage above the fold, and at 1280×800 a tall source
  // card leaves the stage at its minimum with its frame and "Show before" under the fold. Again when the source's
  // picture arrives ("Show before" appears with it). A canvas restored on load keeps its scroll.
  const shownStep = useRef(step && step.results.length > 0 ? step.id : null);
  const revealed = useRef<number | null>(null);
  useEffect(() => {
    const el = stageRef.current;
    if (!step || step.results.length === 0 || !el) return;
    if (step.id !== shownStep.current) {
      shownStep.current = step.id;
      revealed.current = step.id;
    }
    if (revealed.current === step.id) revealStage(el);
  }, [step, before]);
  return (
    <section className="edit-results" aria-label="Results" aria-busy={submitting}>
      <div className="edit-results-head">
        <h2>Results{step ? ` of step ${step.id}` : ''}</h2>
        {result && before && (
          <div className="compare-modes" role="radiogroup" aria-label="Compare">
            {COMPARE_MODES.map(([value, label]) => (
              <label key={value}>
                <input type="radio" name="edit-compare" value={value} checked={mode === value} onChange={() => setMode(value)} />
                {label}
              </label>
            ))}
          </div>
        )}
        {result && <button type="button" className="lib-button" onClick={() => void editAgain(store, result)}>Edit again</button>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {step && step.blocked > 0 && <p className="warning">{step.blocked} output{step.blocked === 1 ? ' was' : 's were'} withheld by xAI&apos;s content policy.</p>}
      <div ref={stageRef} className="result-stage" style={{ '--stage-h': `${stageHeight}px` } as CSSProperties}>
        {result && step ? (
          // The original, not the preview: previews are rendered in the background and may not exist yet.
          <CompareView key={`${step.id}-${result.itemId}`} mode={before ? mode : 'toggle'} before={before} after={mediaUrl(result.file)} label={`result ${index + 1} of step ${step.id}`} />
        ) : (
          <div className="result-empty muted">
            {submitting ? 'Editing… the result appears here and in the library.' : 'The result appears here, and in the library with a link to its sources.'}
          </div>
        )}
      </div>
      {step && step.results.length > 1 && (
        <ul className="result-strip" aria-label={`Outputs of step ${step.id}`}>
          {step.results.map((r, i) => (
            <li key={r.itemId}>
              <button type="button" aria-pressed={i === index} aria-label={`Show result ${i + 1}`} onClick={() => setPicked({ stepId: step.id, index: i })}>
                <img src={mediaUrl(r.thumb ?? r.file)} alt="" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Scrolls the page just enough that the stage ends in view, frame and controls under the picture included — never so
 * far that the results' heading ("Results of step …", "Edit again") leaves the top.
 */
function revealStage(el: HTMLElement): void {
  const panel = el.closest<HTMLElement>('.panel');
  if (!panel) {
    el.scrollIntoView?.({ block: 'nearest' });
    return;
  }
  const frame = el.closest<HTMLElement>('.edit-stage') ?? el;
  const head = el.parentElement?.querySelector<HTMLElement>('.edit-results-head') ?? el;
  const box = panel.getBoundingClientRect();
  const under = frame.getBoundingClientRect().bottom + parseFloat(getComputedStyle(panel).paddingBottom || '0') - box.bottom;
  const by = Math.min(under, head.getBoundingClientRect().top - box.top);
  if (by > 0) panel.scrollBy?.({ top: by });
}
