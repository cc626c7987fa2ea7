import { useState } from 'react';
import { useStudio } from '../../stores/store';
import { useCapabilities } from '../export/capabilities';
import { chooseLibraryFolder } from './commands';

/**
 * Where the library lives. The desktop app changes it only through main's native folder dialog (the page never
 * types a path); the browser host shows the folder and says how it is set (`--library-dir` at start).
 */
export function LibraryFolder() {
  const view = useStudio((s) => s.settingsView);
  const dialogs = useCapabilities().dialogs;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!view) return null;
  const { effective, settings } = view;
  const run = async (reset: boolean) => {
    setBusy(true);
    setError(await chooseLibraryFolder(reset));
    setBusy(false);
  };
  const flag = <code>--library-dir</code>;
  const how = effective.demo ? (
    'Demo results always go to this separate demo library.'
  ) : effective.libraryDirOverridden ? (
    <>Set with {flag} when the app was started.</>
  ) : dialogs ? (
    'Choose an empty folder, or one that already holds an Imagine Studio library.'
  ) : (
    <>The browser host uses the folder given with {flag} when it starts (default: inside the data folder).</>
  );
  const canChoose = dialogs && !effective.demo && !effective.libraryDirOverridden;
  return (
    <div className="library-folder">
      <p id="library-folder-label">
        Library folder: <code>{effective.libraryDir}</code>
      </p>
      <p className="hint" id="library-folder-how">{how}</p>
      {canChoose && (
        <div className="button-row">
          <button type="button" disabled={busy} aria-describedby="library-folder-label library-folder-how" onClick={() => void run(false)}>
            Choose folder…
          </button>
          {settings.libraryDir !== null && (
            <button type="button" disabled={busy} onClick={() => void run(true)}>
              Use the default folder
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
