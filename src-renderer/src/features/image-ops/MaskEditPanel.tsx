import { findOperation, type LibraryRecord } from '@contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { invoke, mediaUrl } from '../../lib/api';
import { useCanvas, useCanvasStore } from '../edit/canvas-context';
import { useCapabilityTable } from '../controls/capabilities';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';
import { priceOf, useStabilityReady } from './commands';
import { submitMaskEdit } from './mask-commands';
import { MaskTool } from './MaskTool';
import { maskHasPaint } from './mask-canvas';

/**
 * The edit stage with Stability AI chosen: the mask tool over the first source, Inpaint or Erase, the price and the
 * button. Only what the provider does with a mask is offered; its results join the step tree like any edit.
 */
export function MaskEditPanel() {
  const store = useCanvasStore();
  const table = useCapabilityTable();
  const simulated = useSimulated();
  const ready = useStabilityReady();
  const { source, submitting, prompt } = useCanvas(useShallow((s) => ({ source: s.doc.sources[0]?.source ?? null, submitting: s.submitting, prompt: s.prompt })));
  const [operation, setOperation] = useState<'inpaint' | 'erase'>('inpaint');
  const [loaded, setLoaded] = useState<LibraryRecord | null>(null);
  const [painted, setPainted] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const onChange = useCallback(() => setPainted(canvasRef.current ? maskHasPaint(canvasRef.current) : false), []);
  const itemId = source?.libraryItemId ?? null;

  // The source's library record, for a full-size image under the mask (the card only has a thumbnail).
  const record = loaded?.id === itemId ? loaded : null;
  useEffect(() => {
    let live = true;
    if (itemId) void invoke('library:item', { id: itemId }).then((d) => live && setLoaded(d.record), () => {});
    return () => void (live = false);
  }, [itemId]);

  if (!ready) return <p className="muted">Stability AI needs its own key: add it in Settings, or switch on demo mode.</p>;
  if (!source) return <p className="muted">Add an image to paint a mask on.</p>;
  if (!itemId) return <p className="muted">Stability AI edits library images: add this image from the Library (Edit on an item) to mask it.</p>;
  const price = priceOf(table, { operation });
  const canSend = painted && !submitting && (operation === 'erase' || prompt.trim() !== '');
  const takesMask = (name: 'inpaint' | 'erase') => findOperation('stability', name, table)?.mask === true;
  return (
    <div className="mask-edit">
      <MaskTool imageUrl={record ? mediaUrl(record.preview ?? record.file) : source.thumbDataUrl} width={source.width} height={source.height} canvasRef={canvasRef} onChange={onChange} />
      <fieldset className="mask-operation">
        <legend>With the mask</legend>
        {(['inpaint', 'erase'] as const).filter(takesMask).map((op) => (
          <label key={op}>
            <input type="radio" name="mask-operation" value={op} checked={operation === op} onChange={() => setOperation(op)} />
            {op === 'inpaint' ? 'Inpaint: paint in what the prompt says' : 'Erase: remove what is masked'}
          </label>
        ))}
      </fieldset>
      <p className="edit-estimate" aria-label="Estimated cost">
        {price ? `About ${price}${simulatedMark(simulated)} (Stability AI, list price)` : 'Cost unknown'}
      </p>
      {!painted && <p className="muted">Paint over the area to change first.</p>}
      <button
        type="button"
        className="primary"
        disabled={!canSend}
        onClick={() => canvasRef.current && void submitMaskEdit(store, { operation, itemId, canvas: canvasRef.current })}
      >
        {submitting ? 'Working…' : operation === 'inpaint' ? 'Inpaint' : 'Erase'}
      </button>
    </div>
  );
}
