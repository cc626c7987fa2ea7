import { useEffect, useRef, useState, type DragEvent as ReactDragEvent } from 'react';
import { MAX_EDIT_SOURCES } from '@contract';
import { isMediaFile, onDropped } from '../library/dropped-files';
import { importFiles } from '../library/import-commands';
import { useStudio } from '../../stores/store';

const carriesFiles = (e: DragEvent | ReactDragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));

/** Splits a drop into images and videos and the rest, and says plainly what was left out. */
export function pickImages(files: readonly File[]): File[] {
  const media = files.filter(isMediaFile);
  const others = files.length - media.length;
  if (others > 0) {
    const names = files.filter((f) => !isMediaFile(f)).slice(0, 3).map((f) => f.name).join(', ');
    useStudio.getState().pushNotice('warning', `Only images and videos can be dropped here; left out ${others === 1 ? names : `${others} files (${names}${others > 3 ? ', …' : ''})`}.`);
  }
  return media;
}

export function importToLibrary(files: File[]): void {
  // The Library shows the import's progress and its refusals.
  useStudio.getState().setSection('library', { focus: true });
  void importFiles(files);
}

export function editThese(files: File[]): void {
  const s = useStudio.getState();
  s.setEditDrop(files);
  s.setSection('edit', { focus: true });
}

/**
 * Files dragged in from the OS anywhere in the window: never lets the browser navigate to the file, and offers
 * "Import to library" or "Edit these". Screens with their own drop zone (the Library, the Edit canvas) handle
 * drops on it first; a drop elsewhere on the Edit screen goes to the canvas.
 */
export function DropOverlay() {
  const [dragging, setDragging] = useState(false);
  const [pending, setPending] = useState<File[] | null>(null);
  const [target, setTarget] = useState<'import' | 'edit' | null>(null);
  const internal = useRef(false);
  const firstButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let leaveTimer: ReturnType<typeof setTimeout> | undefined;
    const onDragStart = () => (internal.current = true);
    const onDragEnd = () => (internal.current = false);
    const onDragOver = (e: DragEvent) => {
      if (internal.current || !carriesFiles(e)) return;
      clearTimeout(leaveTimer);
      const handled = e.defaultPrevented; // a screen's own drop zone accepted it
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      const section = useStudio.getState().section;
      setDragging(!handled && section !== 'edit');
    };
    const onDragLeave = (e: DragEvent) => {
      // Leaving the window (no element to go to); dragleave/dragenter pairs inside it are noise.
      if (e.relatedTarget !== null) return;
      clearTimeout(leaveTimer);
      leaveTimer = setTimeout(() => setDragging(false), 150);
    };
    const onDrop = (e: DragEvent) => {
      internal.current = false;
      setDragging(false);
      if (e.defaultPrevented || !carriesFiles(e)) return;
      e.preventDefault();
      if (!e.dataTransfer) return;
      // Dropped folders are walked (their images only); loose files that are not images are reported.
      onDropped(e.dataTransfer, ({ files: loose, fromFolders }) => {
        const files = [...pickImages(loose), ...fromFolders];
        if (files.length === 0) return;
        if (useStudio.getState().section === 'edit') editThese(files);
        else setPending(files);
      });
    };
    window.addEventListener('dragstart', onDragStart);
    window.addEventListener('dragend', onDragEnd);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      clearTimeout(leaveTimer);
      window.removeEventListener('dragstart', onDragStart);
      window.removeEventListener('dragend', onDragEnd);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  useEffect(() => {
    if (!pending) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    firstButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      setPending(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (previous?.isConnected && !document.querySelector('.panel')?.contains(document.activeElement)) previous.focus();
    };
  }, [pending]);

  if (!dragging && !pending) return null;
  const count = pending?.length ?? 0;
  const noun = pending?.every((f) => f.type.startsWith('image/')) ? 'image' : pending?.every((f) => f.type.startsWith('video/')) ? 'video' : 'file';
  const what = pending ? `${count} ${noun}${count === 1 ? '' : 's'}` : 'files';
  const zone = (kind: 'import' | 'edit') => ({
    onDragOver: (e: ReactDragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setTarget(kind);
    },
    onDragLeave: () => setTarget((t) => (t === kind ? null : t)),
    onDrop: (e: ReactDragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      setTarget(null);
      onDropped(e.dataTransfer, ({ files: loose, fromFolders }) => {
        const files = [...pickImages(loose), ...fromFolders];
        if (files.length > 0) (kind === 'import' ? importToLibrary : editThese)(files);
      });
    },
  });
  const choose = (kind: 'import' | 'edit') => {
    if (!pending) return;
    setPending(null);
    (kind === 'import' ? importToLibrary : editThese)(pending);
  };
  return (
    <div
      className={`shell-overlay drop-overlay${pending ? '' : ' drop-dragging'}`}
      data-testid="drop-overlay"
      onClick={() => setPending(null)}
    >
      <div
        className="shell-overlay-card drop-card"
        role={pending ? 'dialog' : 'region'}
        aria-modal={pending ? 'true' : undefined}
        aria-labelledby="drop-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="drop-title">{pending ? `What should happen to ${what}?` : 'Drop images or videos here'}</h2>
        <div className="drop-zones">
          <button
            ref={firstButton}
            type="button"
            className={`drop-zone${target === 'import' ? ' drop-zone-over' : ''}`}
            onClick={() => choose('import')}
            {...zone('import')}
          >
            <span className="drop-zone-icon" aria-hidden="true">⤓</span>
            <strong>Import to library</strong>
            <small>Copies them into the library, with their metadata</small>
          </button>
          <button
            type="button"
            className={`drop-zone${target === 'edit' ? ' drop-zone-over' : ''}`}
            onClick={() => choose('edit')}
            {...zone('edit')}
          >
            <span className="drop-zone-icon" aria-hidden="true">✎</span>
            <strong>Edit these</strong>
            <small>Opens them as sources on the Edit screen (up to {MAX_EDIT_SOURCES})</small>
          </button>
        </div>
        {pending && (
          <button type="button" className="shell-button drop-cancel" onClick={() => setPending(null)}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
