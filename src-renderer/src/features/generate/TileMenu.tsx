import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TileAction } from './tile-actions';

/**
 * The right-click menu of a done tile (also on the Menu key or Shift+F10): the same actions as its toolbar.
 * Arrow keys move, Enter runs, Escape or Tab closes and gives the focus back.
 */
export function TileMenu(props: { x: number; y: number; actions: TileAction[]; extra?: TileAction[]; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away);
    return () => {
      window.removeEventListener('pointerdown', away);
      if (back?.isConnected) back.focus();
    };
  }, [onClose]);
  // Kept inside the window: a menu opened near the right or bottom edge opens towards the middle.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth) el.style.left = `${Math.max(4, props.x - r.width)}px`;
    if (r.bottom > window.innerHeight) el.style.top = `${Math.max(4, props.y - r.height)}px`;
  }, [props.x, props.y]);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    }
  };
  const all = [...props.actions, ...(props.extra ?? [])];
  return (
    <div ref={ref} role="menu" aria-label="Image actions menu" className="gen-menu" style={{ left: props.x, top: props.y }} onKeyDown={onKeyDown}>
      {all.map((a) => (
        <button
          key={a.id}
          type="button"
          role={a.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'}
          aria-checked={a.pressed}
          onClick={() => {
            a.run();
            onClose();
          }}
        >
          <span aria-hidden="true" className="gen-menu-icon">{a.icon}</span>
          {a.label}
        </button>
      ))}
    </div>
  );
}
