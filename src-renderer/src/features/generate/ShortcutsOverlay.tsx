import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'Generate'],
  ['↑ / ↓ in the prompt', 'Previous / next prompt from history'],
  ['Ctrl/⌘ + R in the prompt', 'Search prompt history'],
  ['← → on the aspect ratios', 'Choose a ratio'],
  ['Ctrl/⌘ + 1…5', 'Switch section'],
  ['?', 'Show this list'],
  ['Esc', 'Close this list'],
];

/** The `?` overlay listing the keyboard shortcuts. */
export function ShortcutsOverlay({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={onClose}>
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt><kbd>{keys}</kbd></dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button ref={ref} type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
