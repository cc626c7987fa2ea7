import { useStudio } from '../../stores/store';
import { cancelImport } from './import-commands';
import { formatCount } from './format';

/** "about 9 s left", "about 3 min left". */
function timeLeft(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `about ${s} s left` : `about ${Math.round(s / 60)} min left`;
}

/** Import progress (count, pace, time left, Cancel), then what came in, what was there already, and what was refused. */
export function ImportPanel() {
  const importing = useStudio((s) => s.library.importing);
  const patch = useStudio((s) => s.patchLibrary);
  if (!importing) return null;
  const { total, done, imported, duplicates, errors } = importing;
  const running = importing.state === 'running';
  const pace = importing.ratePerSec > 0 ? ` · ${importing.ratePerSec.toLocaleString(undefined, { maximumFractionDigits: 1 })} files/s` : '';
  const eta = importing.etaMs !== null ? ` · ${timeLeft(importing.etaMs)}` : '';
  return (
    <section className="lib-import" aria-label="Import">
      {running ? (
        <div className="lib-import-running">
          <label className="lib-field lib-stack">
            <span role="status">
              Importing {Math.min(done + 1, Math.max(total, 1)).toLocaleString()} of {total > 0 ? total.toLocaleString() : '…'}
              {pace}
              {eta}
            </span>
            <progress aria-label="Import progress" max={Math.max(total, 1)} value={done} />
          </label>
          <button type="button" className="lib-button" onClick={() => void cancelImport()}>
            Cancel import
          </button>
        </div>
      ) : (
        <p role="status">
          {importing.state === 'cancelled' ? 'Import cancelled' : 'Import finished'}: {imported.toLocaleString()} of {total.toLocaleString()} files added.
          {duplicates > 0 && ` ${formatCount(duplicates, 'file')} ${duplicates === 1 ? 'was' : 'were'} already in the library.`}
        </p>
      )}
      {errors.length > 0 && (
        <ul className="lib-import-errors" aria-label="Files not imported">
          {errors.map((e, i) => (
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
