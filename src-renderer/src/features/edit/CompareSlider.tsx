import { useState } from 'react';

/** Before/after: the source over the result, revealed up to the slider's position. */
export function CompareSlider({ before, after, label }: { before: string; after: string; label: string }) {
  const [pos, setPos] = useState(50);
  return (
    <div className="compare" role="group" aria-label={`Compare ${label}`}>
      <div className="compare-stage">
        <img src={after} alt={`After: ${label}`} />
        <img className="compare-before" src={before} alt={`Before: ${label}`} style={{ clipPath: `inset(0 ${100 - pos}% 0 0)` }} />
        <div className="compare-line" style={{ left: `${pos}%` }} aria-hidden="true" />
      </div>
      <input type="range" min={0} max={100} value={pos} aria-label="Before/after position" onChange={(e) => setPos(Number(e.target.value))} />
    </div>
  );
}
