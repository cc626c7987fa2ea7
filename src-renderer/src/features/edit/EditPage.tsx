import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useSectionDetail } from '../shell/window-title';
import { useStudio } from '../../stores/store';
import type { LibraryHandoff } from '../../stores/library-slice';
import { LedgerBar } from '../generate/LedgerBar';
import { KeyGate, useKeyedChoice } from '../shell/KeyGate';
import { ProviderKeyNote } from '../generate/ProviderKeyNote';
import { createCanvasStore, type CanvasStore } from './canvas/canvas-store';
import { CanvasProvider } from './canvas-context';
import { addFiles, addLibraryItem, hasUnsentWork, replaceWithLibraryItem } from './commands';
import { HandoffDialog } from './HandoffDialog';
import { keepCanvas } from './persist';
import { followSettingsIn } from '../settings/form-defaults';
import { editSourceLimit } from './canvas/source-limit';
import { EditOptions } from './EditOptions';
import { EditPromptBox } from './EditPromptBox';
import { EditResults } from './EditResults';
import { SourceCanvas } from './SourceCanvas';
import { StepHistory } from './StepHistory';
import { useEditShortcuts } from './use-edit-shortcuts';
import { EditProviderPicker } from '../image-ops/EditProviderPicker';
import { MaskEditPanel } from '../image-ops/MaskEditPanel';
import '../image-ops/image-ops.css';
import './edit.css';

/** Who edits on this page (see EditProviderPicker): the gate opens for a key of either. */
const EDIT_PROVIDERS = ['xai', 'stability'] as const;

/** The app's own canvas outlives section switches, so leaving Edit for the library and back keeps the work. */
let appCanvas: CanvasStore | null = null;
/** Loading the kept canvas from main (once per page load); it also starts saving changes. */
let keeping: Promise<unknown> | null = null;
let kept = false;

/** A hand-off that names a Stability operation ("Erase…") opens the stage on Stability AI with it chosen. */
function chooseOperation(canvas: CanvasStore, handoff: LibraryHandoff): void {
  if (handoff.operation) canvas.setState((s) => ({ params: { ...s.params, provider: 'stability' }, stageOperation: handoff.operation ?? s.stageOperation }));
}

/** The Edit screen. Tests pass their own `store`; the app uses one canvas for its lifetime. */
export function EditPage({ store }: { store?: CanvasStore }) {
  const [canvas] = useState(() => store ?? (appCanvas ??= createCanvasStore()));
  // Tests pass their own store and keep nothing; the app's canvas is loaded before a hand-off decides anything.
  const [ready, setReady] = useState(() => store !== undefined || kept);
  useEffect(() => {
    if (ready) return;
    let live = true;
    keeping ??= keepCanvas(canvas).finally(() => {
      kept = true;
    });
    void keeping.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [ready, canvas]);
  // Settings' defaults reach the options the user has not changed, live (issue 14.8) — after the kept canvas is
  // back, so a restored choice is not overwritten and restored defaults are brought up to date.
  useEffect(() => (ready ? followSettingsIn(canvas) : undefined), [ready, canvas]);
  useEditShortcuts(canvas);
  // An item handed over while the canvas holds unsent work stays in the hand-off until the user's Replace or Add.
  const handedOver = useStudio((s) => (s.library.handoff?.action === 'edit' ? s.library.handoff.itemId : null));
  // "Erase…" works on one image: it may replace unsent work but never joins it.
  const erasing = useStudio((s) => s.library.handoff?.operation === 'erase');
  const unsent = useStore(canvas, hasUnsentWork);
  const asking = ready && handedOver !== null && unsent ? handedOver : null;
  useEffect(() => {
    if (!ready || handedOver === null || unsent) return;
    const taken = useStudio.getState().takeLibraryHandoff();
    if (taken) chooseOperation(canvas, taken);
    void replaceWithLibraryItem(canvas, handedOver);
  }, [ready, handedOver, unsent, canvas]);
  const answer = (run?: (store: CanvasStore, itemId: string) => Promise<void>) => {
    const taken = useStudio.getState().takeLibraryHandoff();
    if (taken && run) {
      chooseOperation(canvas, taken);
      void run(canvas, taken.itemId);
    }
  };
  // Files dropped anywhere in the window with "Edit these" (shell/DropOverlay).
  const dropped = useStudio((s) => s.editDrop);
  useEffect(() => {
    if (!dropped) return;
    const files = useStudio.getState().takeEditDrop();
    if (files) void addFiles(canvas, files);
  }, [dropped, canvas]);

  const sources = useStore(canvas, (s) => s.doc.sources);
  // The mask tool is on the stage only while a provider that takes masks edits (issue 18 §4).
  const provider = useStore(canvas, (s) => s.params.provider);
  const masking = provider === 'stability';
  // Only a Stability key set: the stage opens on Stability's mask edits.
  useKeyedChoice(provider, EDIT_PROVIDERS, (p) => canvas.setState((s) => ({ params: { ...s.params, provider: p === 'stability' ? 'stability' : 'xai' } })));
  const first = sources[0]?.source.name;
  useSectionDetail('edit', first === undefined ? null : sources.length === 1 ? first : `${first} + ${sources.length - 1} more`);

  return (
    <CanvasProvider store={canvas}>
      <section className="edit-page" aria-label="Edit">
        <header className="edit-head">
          <h1>Edit</h1>
          <LedgerBar />
        </header>
        <KeyGate what="edit images" providers={EDIT_PROVIDERS}>
          <div className="edit-layout">
            <div className="edit-stage">
              <EditProviderPicker />
              <ProviderKeyNote provider={provider} />
              <SourceCanvas />
              {/* The mask layer and its toolbar, on the stage while a provider that takes masks edits. */}
              {masking && <MaskEditPanel />}
              <EditResults />
            </div>
            <div className="edit-side">
              <div className="edit-form">
                <EditPromptBox />
                {!masking && <EditOptions />}
              </div>
              <StepHistory />
            </div>
          </div>
        </KeyGate>
        {asking && (
          <HandoffDialog
            canAdd={!erasing && sources.length < editSourceLimit(canvas.getState().params.model)}
            {...(erasing ? { addNote: 'Erase works on one image, so it can only replace.' } : {})}
            onReplace={() => answer(replaceWithLibraryItem)}
            onAdd={() => answer(addLibraryItem)}
            onClose={() => answer()}
          />
        )}
      </section>
    </CanvasProvider>
  );
}
