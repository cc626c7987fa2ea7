import { describeProgress, rebuildLibrary } from '../library/maintenance-commands';
import { useStudio } from '../../stores/store';
import { LibraryFolder } from './LibraryFolder';

/** Settings → Library: where the library lives, and "Rebuild library" with its progress. */
export function LibraryPanel() {
  const m = useStudio((s) => s.library.maintenance);
  const rebuilding = m?.task === 'rebuild' && m.state === 'running';
  const busy = m?.state === 'running';
  const progress = m && busy ? describeProgress(m) : null;
  return (
    <section className="settings-card" aria-labelledby="library-heading">
      <h2 id="library-heading">Library</h2>
      <LibraryFolder />
      <p className="hint">
        Rebuild recreates the library’s index from its files: every image and video keeps its prompt, favorite, trash
        state and collections in a sidecar next to it. The library stays usable while it runs.
      </p>
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void rebuildLibrary()}>
          Rebuild library
        </button>
      </div>
      {m && progress && (
        <div className="maintenance-progress">
          <progress aria-label={rebuilding ? 'Rebuild progress' : 'Library check progress'} max={100} value={progress.percent} />
          <p role="status">
            {rebuilding ? 'Rebuilding' : 'Checking the library files'}… {progress.percent}% · {m.items.toLocaleString()} items
            {progress.rate !== null ? ` · ${progress.rate.toLocaleString()} items/s` : ''}
          </p>
        </div>
      )}
      {m && !busy && m.task === 'rebuild' && m.message && (
        <p role="status" className={m.state === 'failed' ? 'field-error' : 'field-ok'}>
          {m.state === 'failed' ? `Rebuild failed: ${m.message}` : m.message}
        </p>
      )}
    </section>
  );
}
