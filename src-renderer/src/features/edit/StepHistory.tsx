import { mediaUrl } from '../../lib/api';
import type { EditStep } from './canvas/types';
import { useCanvas, useCanvasStore } from './canvas-context';
import { goToStep } from './commands';

const depth = (steps: readonly EditStep[], step: EditStep): number => {
  let d = 0;
  for (let p = step.parentId; p !== null && d < 50; d++) p = steps.find((s) => s.id === p)?.parentId ?? null;
  return d;
};

/** The step's first output (or its first source, when every output was withheld), so steps are told apart at a glance. */
function StepThumb({ step }: { step: EditStep }) {
  const first = step.results[0];
  const src = first ? mediaUrl(first.thumb ?? first.file) : step.sources[0]?.source.thumbDataUrl;
  return src ? <img className="step-thumb" src={src} alt={`Result of step ${step.id}`} /> : null;
}

/** Every edit of this session as a tree: going back to a step restores its sources, and the next edit branches. */
export function StepHistory() {
  const store = useCanvasStore();
  const steps = useCanvas((s) => s.steps);
  const current = useCanvas((s) => s.currentStepId);
  if (steps.length === 0) return null;
  return (
    <nav className="step-history" aria-label="Edit steps">
      <h2>Steps</h2>
      <ol>
        {steps.map((step) => (
          <li key={step.id} style={{ paddingLeft: `${depth(steps, step) * 14}px` }}>
            <button type="button" aria-current={step.id === current ? 'step' : undefined} onClick={() => goToStep(store, step.id)}>
              <span className="step-name">{`Step ${step.id}${step.parentId === null ? '' : ` (from step ${step.parentId})`}`}</span>
              <span className="step-prompt">{step.prompt}</span>
              <StepThumb step={step} />
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
