import { useStudio } from '../../stores/store';

/** Import progress, then the files that were refused and why (kept until dismissed). */
export function ImportPanel() {
  const importing = useStudio((s) => s.library.importing);
  const patch = useStudio((s) => s.patchLibrary);
  if (!importing) return null;
  const running = importing.done < importing.total;
  return (
    <section className="lib-import" aria-label="Import">
      {running ? (
        <>
          <label className="lib-field lib-stack">
            <span>
              Importing {importing.done + 1} of {importing.total}
              {importing.current ? `: ${importing.current}` : ''}
            </span>
            <progress max={importing.total} value={importing.done} />
          </label>
        </>
      ) : (
        <p>
          Import finished: {importing.total - importing.errors.length} of {importing.total} files added.
        </p>
      )}
      {importing.errors.length > 0 && (
        <ul className="lib-import-errors" aria-label="Files not imported">
          {importing.errors.map((e, i) => (
            <li key={i}>
              <strong>{e.name}</strong>: {e.reason}
            </li>
          ))}
        </ul>
      )}
      {!running && (
        <button type="button" className="lib-button" onClick={() => patch({ importing: null })}>
          Dismiss
        </button>
      )}
    </section>
  );
}
