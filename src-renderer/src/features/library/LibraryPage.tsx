import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { useStudio } from '../../stores/store';
import { useCapabilities } from '../export/capabilities';
import { importChosenFiles, importChosenFolder } from '../export/import-chosen';
import { BulkBar } from './BulkBar';
import { ConfirmDialog } from './ConfirmDialog';
import { formatCount } from './format';
import { isMediaFile, onDropped } from './dropped-files';
import { importFiles } from './import-commands';
import { ImportPanel } from './ImportPanel';
import { useSidebar } from './use-sidebar';
import { emptyTrash } from './item-commands';
import { LibraryFilters, countFilters } from './LibraryFilters';
import { LibraryGrid } from './LibraryGrid';
import { DuplicatesView } from './DuplicatesView';
import { SharedView } from '../share/SharedView';
import '../share/share.css';
import { LibrarySidebar } from './LibrarySidebar';
import { LibraryToolbar } from './LibraryToolbar';
import { MaintenanceStatus } from './MaintenanceStatus';
import { loadCollections, runQuery } from './query-commands';
import { selectByClick } from './selection';
import { TileMenu, type MenuAnchor } from './TileMenu';
import { UndoToast } from './UndoToast';
import { SaveSmartDialog } from './SaveSmartDialog';
import { currentSmartQuery, smartChanged, updateSmartCollection } from './smart-commands';
import { useLibraryShortcuts } from './use-library-shortcuts';
import './library.css';

const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/** The Library: views and collections, search and filters, the virtualized grid, the lightbox, import by drop. */
export function LibraryPage() {
  const view = useStudio((s) => s.library.view);
  const text = useStudio((s) => s.library.text);
  const filters = useStudio((s) => s.library.filters);
  const sort = useStudio((s) => s.library.sort);
  const total = useStudio((s) => s.library.total);
  const status = useStudio((s) => s.library.status);
  const error = useStudio((s) => s.library.error);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const [savingSmart, setSavingSmart] = useState(false);
  const smartOpen = useStudio((s) => (s.library.view.kind === 'smart' ? s.library.smart.find((c) => c.id === (s.library.view as { id: string }).id) : undefined));
  const smartDirty = useStudio((s) => (smartOpen ? smartChanged(s.library, smartOpen) : false));
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // The desktop app picks files in a native dialog (main reads them by token); a browser uses the file input.
  const nativeDialogs = useCapabilities().dialogs;
  const lastText = useRef<string | null>(null);
  const onKeyDown = useLibraryShortcuts();

  // The grid's query goes first: effects run in order, and main answers requests one at a time.
  useEffect(() => {
    // Cached records stay valid while the search text is the same (highlights depend on it).
    const keepRecords = lastText.current === text;
    lastText.current = text;
    void runQuery({ keepRecords });
  }, [view, text, filters, sort]);
  useEffect(() => void loadCollections(), []);

  const openViewer = useStudio((s) => s.openViewer);
  const open = useCallback((id: string) => openViewer({ id, from: 'library' }), [openViewer]);
  const onMenu = useCallback((index: number, id: string, e: MouseEvent) => {
    e.preventDefault();
    const s = useStudio.getState();
    if (!s.library.selection.selected.has(id)) s.setLibrarySelection(selectByClick(s.library.ids, s.library.selection, id));
    s.patchLibrary({ focusIndex: index });
    setMenu({ x: e.clientX, y: e.clientY, id });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);

  const trash = view.kind === 'trash';
  const collection = useStudio((s) => (s.library.view.kind === 'collection' ? s.library.collections.find((c) => c.id === (s.library.view as { id: string }).id) : undefined));
  const sidebar = useSidebar();
  const filtering = text.trim() !== '' || countFilters(filters) > 0;
  const demo = useStudio((s) => s.settingsView?.settings.demoMode ?? false);
  return (
    <section
      className={`library${sidebar.shown ? '' : ' lib-no-sidebar'}`}
      aria-labelledby="section-title"
      onKeyDown={onKeyDown}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        // Folders are walked with their subfolders; the import takes what decodes and says why it refused the rest.
        onDropped(e.dataTransfer, ({ files, fromFolders }) => void importFiles([...files, ...fromFolders]));
      }}
    >
      {sidebar.shown && <LibrarySidebar />}
      <div className="lib-main">
        <header className="lib-header">
          <button
            type="button"
            className="lib-button lib-sidebar-toggle"
            aria-expanded={sidebar.shown}
            onClick={sidebar.toggle}
          >
            {sidebar.shown ? 'Hide sidebar' : 'Show sidebar'}
          </button>
          {/* A collection is headed by its own name (issue 14.10), everything else by the section's. */}
          <h1 id="section-title">{collection ? collection.name : 'Library'}</h1>
          {collection && <span className="lib-header-context">{formatCount(collection.count)}</span>}
          {smartOpen && (
            <span className="lib-header-context" title="Smart collection: updates itself as items change">
              <span aria-hidden="true" className="lib-smart-mark">⚡</span> {smartOpen.name}
            </span>
          )}
          <div className="lib-header-actions">
            <MaintenanceStatus />
            {smartOpen && smartDirty && (
              <button
                type="button"
                className="lib-button"
                onClick={() => void updateSmartCollection(smartOpen.id, { query: currentSmartQuery(useStudio.getState().library) })}
              >
                Save changes to “{smartOpen.name}”
              </button>
            )}
            {!trash && view.kind !== 'duplicates' && view.kind !== 'shared' && filtering && (!smartOpen || smartDirty) && (
              <button type="button" className="lib-button" onClick={() => setSavingSmart(true)}>
                Save search…
              </button>
            )}
            {trash && (
              <button type="button" className="lib-button lib-danger" disabled={total === 0} onClick={() => setConfirmEmpty(true)}>
                Empty trash
              </button>
            )}
            {!trash && (
              <>
                <button type="button" className="lib-button" onClick={() => (nativeDialogs ? void importChosenFolder() : folderInput.current?.click())}>
                  Import folder…
                </button>
                <button type="button" className="lib-button lib-primary" onClick={() => (nativeDialogs ? void importChosenFiles() : fileInput.current?.click())}>
                  Import…
                </button>
              </>
            )}
            <input
              ref={fileInput}
              type="file"
              multiple
              accept="image/*,video/mp4,video/quicktime,video/webm,.mov,.mkv"
              hidden
              aria-label="Import files"
              onChange={(e) => {
                void importFiles([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
            <input
              ref={folderInput}
              type="file"
              multiple
              hidden
              aria-label="Import a folder"
              // A folder picker in Chromium (and every current browser): all files below it, subfolders included.
              {...{ webkitdirectory: '' }}
              onChange={(e) => {
                void importFiles([...(e.target.files ?? [])].filter(isMediaFile));
                e.target.value = '';
              }}
            />
          </div>
        </header>
        {view.kind !== 'duplicates' && view.kind !== 'shared' && (
          <>
            <LibraryToolbar onToggleFilters={() => setFiltersOpen((o) => !o)} filtersOpen={filtersOpen} activeFilters={countFilters(filters)} />
            {filtersOpen && <LibraryFilters />}
            <BulkBar />
          </>
        )}
        <ImportPanel />
        {status === 'error' && (
          <p className="lib-error" role="alert">
            The library could not be read: {error}{' '}
            <button type="button" className="lib-button" onClick={() => void runQuery()}>
              Try again
            </button>
          </p>
        )}
        {view.kind === 'duplicates' ? (
          <DuplicatesView onOpen={open} />
        ) : view.kind === 'shared' ? (
          <SharedView onOpen={open} />
        ) : status === 'ready' && total === 0 ? (
          <div className="lib-empty">
            <p>
              {trash
                ? 'The trash is empty.'
                : filtering
                  ? 'Nothing matches this search or these filters.'
                  : collection
                    ? `“${collection.name}” is empty. Add items from the library with “Add to collection”; items in the trash do not count.`
                    : demo
                      ? 'Nothing here yet. On the first visit to demo mode the simulator makes a few sample images and videos: they appear here as they are filed. Or generate something yourself.'
                      : 'Nothing here yet. Generate something, or drop image files here to import them.'}
            </p>
          </div>
        ) : (
          <LibraryGrid onOpen={open} onMenu={onMenu} />
        )}
      </div>
      {dragging && (
        <div className="lib-drop" aria-hidden="true">
          Drop images to import them
        </div>
      )}
      {menu && <TileMenu anchor={menu} onOpen={open} onClose={closeMenu} />}
      {confirmEmpty && (
        <ConfirmDialog
          title="Empty the trash?"
          confirmLabel="Empty trash"
          onConfirm={() => void emptyTrash()}
          onClose={() => setConfirmEmpty(false)}
        >
          Everything in the trash ({formatCount(total)}) is deleted from this computer for good, and share links to it stop working. This cannot be undone.
        </ConfirmDialog>
      )}
      {savingSmart && <SaveSmartDialog summary={text.trim() || 'the current filters'} onClose={() => setSavingSmart(false)} />}
      <UndoToast />
    </section>
  );
}
