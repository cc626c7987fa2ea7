import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useSectionDetail } from '../shell/window-title';
import { useStudio } from '../../stores/store';
import { LedgerBar } from '../generate/LedgerBar';
import { KeyGate } from '../shell/KeyGate';
import { createCanvasStore, type CanvasStore } from './canvas/canvas-store';
import { CanvasProvider } from './canvas-context';
import { addFiles, addLibraryItem } from './commands';
import { EditOptions } from './EditOptions';
import { EditPromptBox } from './EditPromptBox';
import { EditResults } from './EditResults';
import { SourceCanvas } from './SourceCanvas';
import { StepHistory } from './StepHistory';
import { useEditShortcuts } from './use-edit-shortcuts';
import { SourceLimitText } from './SourceLimitText';
import './edit.css';

/** The app's own canvas outlives section switches, so leaving Edit for the library and back keeps the work. */
let appCanvas: CanvasStore | null = null;

/** The Edit screen. Tests pass their own `store`; the app uses one canvas for its lifetime. */
export function EditPage({ store }: { store?: CanvasStore }) {
  const [canvas] = useState(() => store ?? (appCanvas ??= createCanvasStore()));
  useEditShortcuts(canvas);
  const handoff = useStudio((s) => s.library.handoff);
  useEffect(() => {
    if (handoff?.action !== 'edit') return;
    const taken = useStudio.getState().takeLibraryHandoff();
    if (taken) void addLibraryItem(canvas, taken.itemId);
  }, [handoff, canvas]);
  // Files dropped anywhere in the window with "Edit these" (shell/DropOverlay).
  const dropped = useStudio((s) => s.editDrop);
  useEffect(() => {
    if (!dropped) return;
    const files = useStudio.getState().takeEditDrop();
    if (files) void addFiles(canvas, files);
  }, [dropped, canvas]);

  const sources = useStore(canvas, (s) => s.doc.sources);
  const first = sources[0]?.source.name;
  useSectionDetail('edit', first === undefined ? null : sources.length === 1 ? first : `${first} + ${sources.length - 1} more`);

  return (
    <CanvasProvider store={canvas}>
      <section className="edit-page" aria-label="Edit">
        <header className="edit-head">
          <h1>Edit</h1>
          <p className="muted">
            <SourceLimitText /> Their order is their tag: the first is &lt;IMAGE_0&gt;. Drag cards to reorder;
            Delete removes the selected one; Ctrl/Cmd+Z undoes.
          </p>
          <LedgerBar />
        </header>
        <KeyGate what="edit images">
          <div className="edit-layout">
            <div className="edit-main">
              <SourceCanvas />
              <div className="edit-form">
                <EditPromptBox />
                <EditOptions />
              </div>
              <EditResults />
            </div>
            <StepHistory />
          </div>
        </KeyGate>
      </section>
    </CanvasProvider>
  );
}
