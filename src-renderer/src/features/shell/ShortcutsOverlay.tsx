import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useStudio } from '../../stores/store';
import { displayKeys, isTyping, useShortcutGroups } from './shortcuts';

function modalOpen(): boolean {
  try {
    return document.querySelector('dialog[open]:modal') !== null;
  } catch {
    return document.querySelector('dialog[open]') !== null; // engines without :modal
  }
}

/**
 * The global shortcuts list: opens on `?` (outside text fields) or Ctrl/Cmd+/ (anywhere), lists every registered
 * group, closes on Esc or a click outside, and gives the focus back to where it was.
 */
export function ShortcutsHost() {
  const open = useStudio((s) => s.shortcutsOpen);
  const setOpen = useStudio((s) => s.setShortcutsOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A native modal (the Library's viewer, a confirm) owns the keyboard and sits above any overlay.
      if (e.defaultPrevented || e.altKey || modalOpen()) return;
      const slash = (e.ctrlKey || e.metaKey) && (e.key === '/' || e.code === 'Slash');
      const question = e.key === '?' && !e.ctrlKey && !e.metaKey && !isTyping(e.target);
      if (slash || question) {
        e.preventDefault();
        setOpen(!useStudio.getState().shortcutsOpen || question);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);
  return open ? <ShortcutsOverlay onClose={() => setOpen(false)} /> : null;
}

export function ShortcutsOverlay({ onClose }: { onClose(): void }) {
  const groups = useShortcutGroups();
  const closeRef = useRef<HTMLButtonElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      onClose();
    };
    // Capture, so Esc closes the list before a screen below treats it as "clear selection".
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (previous?.isConnected) previous.focus();
    };
  }, [onClose]);
  // Keep Tab inside the dialog.
  const trap = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Tab') return;
    const focusable = cardRef.current?.querySelectorAll<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])');
    const first = focusable?.[0];
    const last = focusable?.[focusable.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="shell-overlay" onClick={onClose}>
      <div
        ref={cardRef}
        className="shell-overlay-card shortcuts-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={trap}
      >
        <div className="shortcuts-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="shell-button" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
        <div className="shortcuts-groups" tabIndex={0} aria-label="Shortcut list">
          {groups.map((g) => (
            <section key={g.id} aria-labelledby={`shortcuts-${g.id}`} className="shortcuts-group">
              <h3 id={`shortcuts-${g.id}`}>{g.title}</h3>
              <dl className="shortcuts-list">
                {g.shortcuts.map((s) => (
                  <div key={`${s.keys} ${s.action}`}>
                    <dt><kbd>{displayKeys(s.keys)}</kbd></dt>
                    <dd>
                      {s.action}
                      {s.where && <span className="shortcut-where"> {s.where}</span>}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
