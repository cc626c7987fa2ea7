import { useEffect, useState } from 'react';
import { useReconnect } from './connection';

/** After this long without the host, the banner adds what to do if it was restarted (a new launch, a new token). */
export const RESTART_HINT_MS = 12_000;

/**
 * A non-blocking strip across the top while the browser host is unreachable. The page keeps working with what it
 * has; calls wait for the connection. When it is back, the app's state is loaded again (see `useReconnect`).
 */
export function ConnectionBanner() {
  const state = useReconnect();
  const [long, setLong] = useState(false);
  useEffect(() => {
    if (state !== 'disconnected') return;
    const timer = setTimeout(() => setLong(true), RESTART_HINT_MS);
    return () => {
      clearTimeout(timer);
      setLong(false);
    };
  }, [state]);
  return (
    <div className="connection-live" role="status" aria-live="polite">
      {state === 'signed-out' && (
        <div className="connection-banner" data-testid="connection-banner">
          <span>
            <strong>This window is not signed in to Imagine Studio.</strong> Open the address the host printed in its
            terminal (also kept in the data folder&rsquo;s <code>host-token</code> file); each address works once.
          </span>
        </div>
      )}
      {state === 'disconnected' && (
        <div className="connection-banner" data-testid="connection-banner">
          <span className="connection-spinner" aria-hidden="true" />
          <span>
            <strong>Reconnecting to Imagine Studio…</strong> Work already started keeps running; new actions wait
            until the connection is back.
            {long && ' If you restarted the host, open the address it printed.'}
          </span>
        </div>
      )}
    </div>
  );
}
