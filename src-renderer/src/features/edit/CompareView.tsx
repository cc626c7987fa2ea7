import { useState } from 'react';

export type CompareMode = 'slider' | 'side' | 'toggle';
export const COMPARE_MODES: readonly (readonly [CompareMode, string])[] = [['slider', 'Slider'], ['side', 'Side by side'], ['toggle', 'Toggle']];

/**
 * One result on the stage, compared with its first source: a slider that reveals the source over the result, the
 * two side by side, or one at a time with a button to flip. The result is always the image named "Edit result …".
 */
export function CompareView({ mode, before, after, label }: { mode: CompareMode; before: string | null; after: string; label: string }) {
  const [pos, setPos] = useState(50);
  const [showBefore, setShowBefore] = useState(false);
  const afterImg = <img src={after} alt={`Edit ${label}`} />;
  if (mode === 'side' && before) {
    return (
      <div className="compare-side">
        <figure><img src={before} alt={`Before: ${label}`} /><figcaption>Before</figcaption></figure>
        <figure>{afterImg}<figcaption>After</figcaption></figure>
      </div>
    );
  }
  if (mode === 'slider' && before) {
    return (
      <div className="compare">
        <div className="compare-stage">
          {afterImg}
          <img className="compare-before" src={before} alt={`Before: ${label}`} style={{ clipPath: `inset(0 ${100 - pos}% 0 0)` }} />
          <div className="compare-line" style={{ left: `${pos}%` }} aria-hidden="true" />
        </div>
        <input type="range" min={0} max={100} value={pos} aria-label="Before/after position" onChange={(e) => setPos(Number(e.target.value))} />
      </div>
    );
  }
  return (
    <div className="compare">
      <div className="compare-stage">{showBefore && before ? <img src={before} alt={`Before: ${label}`} /> : afterImg}</div>
      {before && (
        <button type="button" className="lib-button compare-flip" aria-pressed={showBefore} onClick={() => setShowBefore(!showBefore)}>
          Show before
        </button>
      )}
    </div>
  );
}
