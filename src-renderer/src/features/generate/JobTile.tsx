import type { JobView, Tile } from '@contract';
import { mediaUrl } from '../../lib/api';
import { startDragOut } from '../export/drag-out';
import { TileExportActions } from '../export/TileExportActions';
import { useItemRecord } from '../export/use-item-record';
import { elapsed } from './format';

const LABEL: Record<Tile['state'], string> = {
  pending: 'Pending', done: 'Done', blocked: 'Blocked by content policy', failed: 'Failed', cancelled: 'Cancelled', interrupted: 'Interrupted',
};

/** One requested image: pending with elapsed time, the thumbnail, or what went wrong in words. */
export function JobTile(props: { tile: Tile; job: JobView; aspect: string; now: number; onRetry(): void }) {
  const { tile, job } = props;
  const ratio = props.aspect === 'auto' ? '1 / 1' : props.aspect.replace(':', ' / ');
  const waiting = job.state === 'queued' ? (job.note ?? 'Queued') : `Generating… ${elapsed(props.now - (job.startedAt ?? props.now))}`;
  const canRetry = tile.state === 'failed' || tile.state === 'interrupted' || tile.state === 'cancelled';
  // The library record (its file) is fetched on first hover or focus: drags and copies need the original.
  const { record, load } = useItemRecord(tile.state === 'done' ? tile.itemId : null);
  return (
    <li
      className={`job-tile tile-${tile.state}`}
      style={{ aspectRatio: ratio }}
      aria-label={`Image ${tile.index + 1}: ${LABEL[tile.state]}`}
      data-state={tile.state}
      onPointerEnter={load}
      onFocus={load}
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
          {record && <TileExportActions record={record} />}
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
            <button type="button" onClick={props.onRetry}>Retry</button>
          )}
        </div>
      )}
    </li>
  );
}
