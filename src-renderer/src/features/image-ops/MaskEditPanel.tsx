import { findOperation, type LibraryRecord } from '@contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { invoke, mediaUrl } from '../../lib/api';
import { useCanvas, useCanvasStore } from '../edit/canvas-context';
import type { StageOperation } from '../edit/canvas/types';
import { useCapabilityTable } from '../controls/capabilities';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';
import { priceOf, useStabilityReady } from './commands';
import { submitMaskEdit } from './mask-commands';
import { MaskTool } from './MaskTool';
import { maskHasPaint } from './mask-canvas';

const LABELS: Record<StageOperation, { choice: string; button: string }> = {
  inpaint: { choice: 'Inpaint: paint in what the prompt says', button: 'Inpaint' },
  erase: { choice: 'Erase: remove what is masked', button: 'Erase' },
  'search-replace': { choice: 'Search and replace: find something, paint the prompt in its place', button: 'Search and replace' },
};

/**
 * The edit stage with Stability AI chosen: its edits of the first source that the capability table lists — with a
 * mask (the mask tool over the source: Inpaint, Erase) or by what to find (Search and replace, with its "Search for"
 * field) — the price and the button. Only what the provider offers is shown; results join the step tree like any edit.
 */
export function MaskEditPanel() {
  const store = useCanvasStore();
  const table = useCapabilityTable();
  const simulated = useSimulated();
  const ready = useStabilityReady();
  const { source, submitting, prompt, chosen } = useCanvas(
    useShallow((s) => ({ source: s.doc.sources[0]?.source ?? null, submitting: s.submitting, prompt: s.prompt, chosen: s.stageOperation })),
  );
  // In the canvas store, not local state: the "Erase…" hand-off chooses it before this panel mounts.
  const setOperation = (op: StageOperation) => store.setState({ stageOperation: op });
  const [search, setSearch] = useState('');
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
  // What the table says Stability does to one image on this stage: the mask edits, and search-and-replace.
  const offered = (['inpaint', 'erase', 'search-replace'] as const).filter((name) => {
    const op = findOperation('stability', name, table);
    return name === 'search-replace' ? op !== undefined : op?.mask === true;
  });
  const operation = offered.includes(chosen) ? chosen : (offered[0] ?? 'inpaint');
  const masked = operation !== 'search-replace';
  const price = priceOf(table, { operation });
  const canSend = !submitting && (masked ? painted && (operation === 'erase' || prompt.trim() !== '') : search.trim() !== '' && prompt.trim() !== '');
  const send = () => {
    if (!masked) void submitMaskEdit(store, { operation, itemId, searchPrompt: search.trim() });
    else if (canvasRef.current) void submitMaskEdit(store, { operation, itemId, canvas: canvasRef.current });
  };
  return (
    <div className="mask-edit">
      {masked && <MaskTool imageUrl={record ? mediaUrl(record.preview ?? record.file) : source.thumbDataUrl} width={source.width} height={source.height} canvasRef={canvasRef} onChange={onChange} />}
      <fieldset className="mask-operation">
        <legend>{masked ? 'With the mask' : 'Operation'}</legend>
        {offered.map((op) => (
          <label key={op}>
            <input type="radio" name="mask-operation" value={op} checked={operation === op} onChange={() => setOperation(op)} />
            {LABELS[op].choice}
          </label>
        ))}
      </fieldset>
      {!masked && (
        <label className="field search-for">
          <span>Search for</span>
          <input type="text" value={search} maxLength={10_000} placeholder="e.g. the red car" onChange={(e) => setSearch(e.target.value)} />
          <small className="field-note">What to find in the image; the prompt says what to put in its place.</small>
        </label>
      )}
      <p className="edit-estimate" aria-label="Estimated cost">
        {price ? `About ${price}${simulatedMark(simulated)} (Stability AI, list price)` : 'Cost unknown'}
      </p>
      {masked && !painted && <p className="muted">Paint over the area to change first.</p>}
      <button type="button" className="primary" disabled={!canSend} onClick={send}>
        {submitting ? 'Working…' : LABELS[operation].button}
      </button>
    </div>
  );
}
