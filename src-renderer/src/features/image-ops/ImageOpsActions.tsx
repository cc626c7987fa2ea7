import type { LibraryRecord } from '@contract';
import { useId, useState } from 'react';
import { useCapabilityTable } from '../controls/capabilities';
import { useStudio } from '../../stores/store';
import { ONE_CLICK, eraseOffered, priceOf, runImageOp, useStabilityReady } from './commands';
import { OutpaintForm } from './OutpaintForm';
import './image-ops.css';

/**
 * The viewer's Stability AI actions on an image: Remove background, Upscale ×2/×4 and creative, Outpaint and Erase…
 * (which hands the image to the edit stage to paint what to remove), each with its list price. Shown only for images, and only while Stability can run them (its key, or demo mode). When one finishes the
 * viewer moves to the new item, which links back to this one.
 */
export function ImageOpsActions(props: { record: LibraryRecord; onOpen(id: string): void }) {
  const { record } = props;
  const ready = useStabilityReady();
  const table = useCapabilityTable();
  const handOff = useStudio((s) => s.handOffLibraryItem);
  const [busy, setBusy] = useState<string | null>(null);
  const [outpainting, setOutpainting] = useState(false);
  const headingId = useId();
  if (record.kind !== 'image' || record.missing || record.trashedAt !== null || !ready) return null;

  const run = async (what: string, input: Parameters<typeof runImageOp>[0]) => {
    setBusy(what);
    const out = await runImageOp(input);
    setBusy(null);
    if (out) props.onOpen(out.result.itemId);
  };

  return (
    <section className="image-ops" aria-labelledby={headingId} aria-busy={busy !== null}>
      <h3 id={headingId}>Stability AI</h3>
      <div className="image-ops-buttons">
        {ONE_CLICK.map((op) => (
          <button
            key={op.id}
            type="button"
            className="lib-button"
            disabled={busy !== null}
            onClick={() => void run(op.busy, { ...op.input, itemId: record.id })}
          >
            {op.label}
            <span className="image-ops-price" aria-hidden="true">{priceOf(table, op.input)}</span>
          </button>
        ))}
        <button type="button" className="lib-button" aria-expanded={outpainting} disabled={busy !== null} onClick={() => setOutpainting((o) => !o)}>
          Outpaint…
        </button>
        {eraseOffered(table) && (
          <button type="button" className="lib-button" disabled={busy !== null} onClick={() => handOff({ action: 'edit', itemId: record.id, operation: 'erase' })}>
            Erase…
            <span className="image-ops-price" aria-hidden="true">{priceOf(table, { operation: 'erase' })}</span>
          </button>
        )}
      </div>
      {outpainting && (
        <OutpaintForm
          price={priceOf(table, { operation: 'outpaint' })}
          busy={busy !== null}
          onCancel={() => setOutpainting(false)}
          onSubmit={(outpaint, prompt) => {
            setOutpainting(false);
            void run('Outpainting…', { operation: 'outpaint', itemId: record.id, outpaint, ...(prompt ? { prompt } : {}) });
          }}
        />
      )}
      {busy && (
        <p role="status" className="image-ops-status">
          {busy}
        </p>
      )}
    </section>
  );
}
