import type { BatchView, JobView, Tile } from '@contract';
import { useCallback, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { mediaUrl } from '../../lib/api';
import { startDragOut } from '../export/drag-out';
import { copyImage } from '../export/export-commands';
import { TileExportActions } from '../export/TileExportActions';
import { useItemRecord } from '../export/use-item-record';
import { elapsed } from './format';
import { openInViewer, useTileActions, type TileAction } from './tile-actions';
import { TileMenu } from './TileMenu';

/** On the tile itself; the rest (open, copy prompt, copy image) are in the ⋯ / right-click menu. */
const ON_TOOLBAR = new Set(['favorite', 'remix', 'edit', 'animate']);

const LABEL: Record<Tile['state'], string> = {
  pending: 'Pending', done: 'Done', blocked: 'Blocked by content policy', failed: 'Failed', cancelled: 'Cancelled', interrupted: 'Interrupted',
};

/**
 * One requested image: pending with elapsed time, the thumbnail, or what went wrong in words. A done image has a
 * toolbar (shown on hover or keyboard focus) and a right-click menu with the same actions (see tile-actions).
 */
export function JobTile(props: {
  tile: Tile;
  job: JobView;
  aspect: string;
  now: number;
  onRetry(): void;
  batch?: BatchView;
  /** Roving tabindex: 0 for the board's one tab stop, -1 for the others. */
  tabIndex?: number;
  onFocusTile?(): void;
}) {
  const { tile, job, batch } = props;
  // The requested ratio; with "auto", the image's own once it is there.
  const ratio = props.aspect !== 'auto' ? props.aspect.replace(':', ' / ') : tile.width && tile.height ? `${tile.width} / ${tile.height}` : '1 / 1';
  const waiting = job.state === 'queued' ? (job.note ?? 'Queued') : `Generating… ${elapsed(props.now - (job.startedAt ?? props.now))}`;
  const canRetry = tile.state === 'failed' || tile.state === 'interrupted' || tile.state === 'cancelled';
  const itemId = tile.state === 'done' ? tile.itemId : null;
  // The library record (its file) is fetched on first hover or focus: drags and copies need the original.
  const { record, load } = useItemRecord(itemId);
  const { actions } = useTileActions({ itemId, record, job, batch });
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const favorite = actions.some((a) => a.id === 'favorite' && a.pressed);
  const extra: TileAction[] = record ? [{ id: 'copy-image', label: 'Copy image', icon: '□', run: () => void copyImage(record) }] : [];

  const onContextMenu = (e: MouseEvent) => {
    if (!itemId) return;
    e.preventDefault();
    load();
    setMenu({ x: e.clientX, y: e.clientY });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.key === 'Enter' && itemId && e.target === e.currentTarget) {
      e.preventDefault();
      openInViewer(itemId);
      return;
    }
    if (!itemId || !(e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return;
    e.preventDefault();
    const r = e.currentTarget.getBoundingClientRect();
    setMenu({ x: r.left + 12, y: r.top + 12 });
  };

  return (
    <li
      className={`job-tile tile-${tile.state}`}
      style={{ aspectRatio: ratio }}
      aria-label={`Image ${tile.index + 1}: ${LABEL[tile.state]}`}
      data-state={tile.state}
      data-item-id={itemId ?? undefined}
      data-tile=""
      tabIndex={props.tabIndex ?? 0}
      onPointerEnter={load}
      onFocus={() => {
        load();
        props.onFocusTile?.();
      }}
      onClick={(e) => {
        // A click on the image opens it; the tile's own buttons do their own thing.
        if (itemId && !(e.target as HTMLElement).closest('button, [role="menu"]')) openInViewer(itemId);
      }}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
    >
      {tile.state === 'done' && tile.thumb ? (
        <>
          <img
            src={mediaUrl(tile.thumb)}
            alt={job.prompt}
            loading="lazy"
            draggable={!!record}
            onDragStart={(e) => record && startDragOut(e.nativeEvent, [record])}
          />
          {actions.length > 0 && (
            <div className={`tile-tools${favorite ? ' has-favorite' : ''}`} role="group" aria-label="Tile actions">
              {actions.filter((a) => ON_TOOLBAR.has(a.id)).map((a) => (
                <button
                  key={a.id}
                  type="button"
                  className={`tile-tool tool-${a.id}`}
                  aria-label={a.label}
                  aria-pressed={a.pressed}
                  tabIndex={-1}
                  title={a.label}
                  onClick={a.run}
                >
                  <span aria-hidden="true">{a.icon}</span>
                </button>
              ))}
              <button
                type="button"
                className="tile-tool tool-more"
                aria-label="More actions"
                aria-haspopup="menu"
                aria-expanded={menu !== null}
                tabIndex={-1}
                title="More actions (also on right-click, or Shift+F10 on the tile)"
                onClick={(e) => {
                  const r = e.currentTarget.getBoundingClientRect();
                  setMenu({ x: r.left, y: r.bottom + 4 });
                }}
              >
                <span aria-hidden="true">⋯</span>
              </button>
            </div>
          )}
          {record && <TileExportActions record={record} tabIndex={-1} />}
          {menu && <TileMenu x={menu.x} y={menu.y} actions={actions} extra={extra} onClose={closeMenu} />}
        </>
      ) : (
        <div className="tile-body">
          <strong>{LABEL[tile.state]}</strong>
          {tile.state === 'pending' ? (
            <span className="tile-time">{waiting}</span>
          ) : tile.state === 'interrupted' ? (
            // The full explanation is on the batch; the tile keeps it short.
            <span className="tile-reason" title={tile.reason ?? undefined}>Stopped mid-request; it may have been billed.</span>
          ) : (
            tile.reason && <span className="tile-reason" title={tile.reason}>{tile.reason}</span>
          )}
          {canRetry && job.state !== 'queued' && job.state !== 'running' && (
            <button type="button" tabIndex={-1} onClick={props.onRetry}>Retry</button>
          )}
        </div>
      )}
    </li>
  );
}
