import type { LibraryRecord } from '@contract';
import { memo, useState, type MouseEvent } from 'react';
import { mediaUrl } from '../../lib/api';
import { formatDuration, promptExcerpt } from './format';
import { excerpt } from './highlight';
import { Highlighted } from './Highlighted';

export interface TileProps {
  id: string;
  index: number;
  record: LibraryRecord | undefined;
  selected: boolean;
  focused: boolean;
  size: number;
  onPick(index: number, id: string, e: MouseEvent): void;
  onOpen(id: string): void;
  onMenu(index: number, id: string, e: MouseEvent): void;
}

/**
 * One grid cell. Until its record arrives it is a quiet placeholder; a file that vanished shows "Missing file"
 * (never an endless spinner), and a thumbnail that fails to decode says so too.
 */
export const LibraryTile = memo(function LibraryTile(props: TileProps) {
  const { record, index, id } = props;
  const [broken, setBroken] = useState(false);
  const name = record ? promptExcerpt(record.prompt || record.editInstruction || '', record.kind) : 'Loading item';
  const caption = record ? excerpt(record.prompt, record.highlight?.prompt ?? [], 90) : null;
  return (
    <div
      role="gridcell"
      aria-selected={props.selected}
      aria-label={name}
      tabIndex={props.focused ? 0 : -1}
      data-index={index}
      className="lib-tile"
      style={{ width: props.size }}
      onClick={(e) => props.onPick(index, id, e)}
      onDoubleClick={() => props.onOpen(id)}
      onContextMenu={(e) => props.onMenu(index, id, e)}
    >
      <div className="lib-thumb" style={{ height: props.size }}>
        {!record ? (
          <div className="lib-thumb-placeholder" aria-hidden="true" />
        ) : record.missing || broken || !record.thumb ? (
          <div className="lib-thumb-missing">{record.missing ? 'Missing file' : 'No preview'}</div>
        ) : (
          <img
            src={mediaUrl(record.thumb)}
            alt=""
            loading="lazy"
            decoding="async"
            draggable={false}
            onError={() => setBroken(true)}
          />
        )}
        {record?.kind === 'video' && (
          <span className="lib-badge">
            <span aria-hidden="true">▶ </span>
            {formatDuration(record.durationMs) || 'Video'}
          </span>
        )}
        {record?.favorite && (
          <span className="lib-star" title="Favorite">
            ★
          </span>
        )}
        {props.selected && (
          <span className="lib-check" aria-hidden="true">
            ✓
          </span>
        )}
      </div>
      <div className="lib-caption">
        {caption ? <Highlighted text={caption.text || '(no prompt)'} ranges={caption.ranges} /> : '\u00a0'}
      </div>
    </div>
  );
});
