import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStudio } from '../../stores/store';
import { useCapabilities } from '../export/capabilities';
import { copyImage, revealItem } from '../export/export-commands';
import { restoreItems, setFavorite, showToast, trashItems } from './item-commands';
import { orderedSelection } from './selection';
import { VARY_LABEL, varyItem } from '../generate/vary-commands';
import { ONE_CLICK, eraseOffered, priceOf, runImageOp, useStabilityReady } from '../image-ops/commands';
import '../image-ops/image-ops.css';
import { useCapabilityTable } from '../controls/capabilities';

export interface MenuAnchor {
  x: number;
  y: number;
  id: string;
}

/** The right-click menu for the selection (the clicked tile is selected first). Arrow keys move, Escape closes. */
export function TileMenu(props: { anchor: MenuAnchor; onOpen(id: string): void; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const lib = useStudio((s) => s.library);
  const ids = orderedSelection(lib.ids, lib.selection.selected);
  const allFavorite = ids.every((id) => lib.records.get(id)?.favorite);
  const trash = lib.view.kind === 'trash';
  const { onClose } = props;
  const caps = useCapabilities();
  // Copy and reveal act on one file: offered only when the menu is for a single, present item.
  const single = ids.length <= 1 ? lib.records.get(props.anchor.id) : undefined;
  const usable = single && !single.missing ? single : undefined;
  const stability = useStabilityReady();
  const table = useCapabilityTable();
  const handOff = useStudio((s) => s.handOffLibraryItem);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away);
    return () => window.removeEventListener('pointerdown', away);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    }
  };
  const act = (fn: () => void) => () => {
    fn();
    onClose();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label="Item actions"
      className="lib-menu"
      style={{ left: props.anchor.x, top: props.anchor.y }}
      onKeyDown={onKeyDown}
    >
      <button type="button" role="menuitem" onClick={act(() => props.onOpen(props.anchor.id))}>
        Open
      </button>
      {usable?.kind === 'image' && (
        <button type="button" role="menuitem" onClick={act(() => void copyImage(usable).then((m) => m && showToast(m)))}>
          Copy image
        </button>
      )}
      {usable?.kind === 'image' && !trash && (['subtle', 'strong'] as const).map((strength) => (
        <button key={strength} type="button" role="menuitem" onClick={act(() => void varyItem(usable.id, strength))}>
          {VARY_LABEL[strength]}
        </button>
      ))}
      {usable && caps.reveal && (
        <button type="button" role="menuitem" onClick={act(() => void revealItem(usable.id))}>
          Show in folder
        </button>
      )}
      {usable?.kind === 'image' && !trash && stability &&
        ONE_CLICK.map((op) => (
          <button
            key={op.id}
            type="button"
            role="menuitem"
            onClick={act(() => {
              showToast(op.busy);
              void runImageOp({ ...op.input, itemId: usable.id }).then((out) => out && showToast(`${op.label}: done. The new image is next to this one.`));
            })}
          >
            {op.label}
            {/* The list price, as the viewer shows it; not part of the item's name. */}
            <span className="image-ops-price" aria-hidden="true">{priceOf(table, op.input)}</span>
          </button>
        ))}
      {usable?.kind === 'image' && !trash && stability && eraseOffered(table) && (
        // Erase needs a mask of what to remove: the edit stage opens with Stability AI and Erase chosen.
        <button type="button" role="menuitem" onClick={act(() => handOff({ action: 'edit', itemId: usable.id, operation: 'erase' }))}>
          Erase…
          <span className="image-ops-price" aria-hidden="true">{priceOf(table, { operation: 'erase' })}</span>
        </button>
      )}
      {trash ? (
        <button type="button" role="menuitem" onClick={act(() => void restoreItems(ids))}>
          Restore
        </button>
      ) : (
        <>
          <button type="button" role="menuitem" onClick={act(() => void setFavorite(ids, !allFavorite))}>
            {allFavorite ? 'Unfavorite' : 'Favorite'}
          </button>
          <button type="button" role="menuitem" onClick={act(() => void trashItems(ids))}>
            Move to trash
          </button>
        </>
      )}
    </div>
  );
}
