import { useStudio } from '../../stores/store';
import { restartToUpdate } from './updates';

/** A quiet bar once an update is downloaded: restart now, or later (it installs when the app quits). */
export function UpdatePrompt() {
  const status = useStudio((s) => s.updateStatus);
  const open = useStudio((s) => s.updatePromptOpen);
  const setOpen = useStudio((s) => s.setUpdatePromptOpen);
  if (!open || status?.state !== 'ready') return null;
  return (
    <section className="update-prompt" role="region" aria-label="Update ready">
      <span>Imagine Studio {status.version} is ready. Restart to use it, or keep working: it installs when you quit.</span>
      <button type="button" className="primary" onClick={() => void restartToUpdate()}>
        Restart to update
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Later
      </button>
    </section>
  );
}
