import type { OutpaintSides } from '@contract';
import { useState, type FormEvent } from 'react';

const SIDES = [
  ['left', 'Left'],
  ['right', 'Right'],
  ['up', 'Top'],
  ['down', 'Bottom'],
] as const;

/** Outpaint: which sides to extend and by how many pixels (0–2000 each, at least one), and an optional hint. */
export function OutpaintForm(props: { price: string | null; busy: boolean; onSubmit(sides: OutpaintSides, prompt: string): void; onCancel(): void }) {
  const [chosen, setChosen] = useState<Record<(typeof SIDES)[number][0], boolean>>({ left: true, right: true, up: false, down: false });
  const [pixels, setPixels] = useState(256);
  const [prompt, setPrompt] = useState('');
  const none = !Object.values(chosen).some(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (none) return;
    const sides: OutpaintSides = {};
    for (const [side] of SIDES) if (chosen[side]) sides[side] = pixels;
    props.onSubmit(sides, prompt.trim());
  };
  return (
    <form className="image-ops-outpaint" aria-label="Outpaint" onSubmit={submit}>
      <fieldset>
        <legend>Sides to extend</legend>
        {SIDES.map(([side, label]) => (
          <label key={side} className="lib-check-field">
            <input type="checkbox" checked={chosen[side]} onChange={(e) => setChosen((c) => ({ ...c, [side]: e.target.checked }))} />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="lib-field">
        <span>Pixels per side</span>
        <input type="number" min={16} max={2000} step={16} value={pixels} onChange={(e) => setPixels(Math.max(16, Math.min(2000, Number(e.target.value) || 16)))} />
      </label>
      <label className="lib-field">
        <span>What to add (optional)</span>
        <input type="text" value={prompt} maxLength={2000} onChange={(e) => setPrompt(e.target.value)} placeholder="More of the harbour" />
      </label>
      {none && <p className="field-error">Choose at least one side.</p>}
      <div className="button-row">
        <button type="submit" className="primary" disabled={none || props.busy}>
          Outpaint{props.price ? ` (${props.price})` : ''}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
