import { useStudio } from '../../stores/store';

/** Whether the user is looking at the window right now. */
export function windowInFocus(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * "Long work finished" through the OS, for the shell's screens (batches, videos, edits): only when the window is
 * not in focus, only with the notifications setting on, and only with the OS permission (asked once, the first
 * time there is something to say). Clicking the notification brings the window forward. Answers whether it tried.
 */
export function notifyWhenAway(title: string, body: string, options: { tag?: string } = {}): boolean {
  const on = useStudio.getState().settingsView?.settings.notifications ?? true;
  if (!on || windowInFocus() || typeof Notification === 'undefined') return false;
  const show = () => {
    const n = new Notification(title, { body, ...(options.tag ? { tag: options.tag } : {}) });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') {
    void Notification.requestPermission().then((p) => p === 'granted' && show()).catch(() => {});
  } else return false;
  return true;
}
