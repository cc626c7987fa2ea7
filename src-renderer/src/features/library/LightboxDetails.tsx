import type { LibraryItemDetail, LibraryRecord } from '@contract';
import { useState } from 'react';
import { useStudio } from '../../stores/store';
import { formatBytes, formatCost, formatDate, formatDuration } from './format';
import { ItemExportActions } from '../export/ItemExportActions';
import { setFavorite, showToast, trashItems } from './item-commands';
import { LineageStrip } from './LineageStrip';
import { ItemOrganizer } from './ItemOrganizer';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';

function paramText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The receipt of an item (prompt, parameters, cost, request id, moderation), its lineage and its actions. */
export function LightboxDetails(props: { record: LibraryRecord; detail: LibraryItemDetail | null; onOpen(id: string): void }) {
  const { record, detail } = props;
  const handOff = useStudio((s) => s.handOffLibraryItem);
  // Demo mode keeps its own library: every cost in it is what the simulator would have charged.
  const simulated = useSimulated();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(record.prompt);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      useStudio.getState().pushNotice('error', 'The clipboard is not available here.');
    }
  };
  const size = record.width && record.height ? `${record.width} × ${record.height}` : null;
  const params = Object.entries(record.params);

  return (
    <aside className="lb-details" aria-label="Details">
      <div className="lb-actions">
        <button type="button" className="lib-button" aria-pressed={record.favorite} onClick={() => void setFavorite([record.id], !record.favorite)}>
          {record.favorite ? '★ Favorite' : '☆ Favorite'}
        </button>
        <button type="button" className="lib-button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy prompt'}
        </button>
        <button type="button" className="lib-button" onClick={() => handOff({ action: 'remix', itemId: record.id })}>
          Remix
        </button>
        {record.kind === 'image' && (
          <>
            <button type="button" className="lib-button" onClick={() => handOff({ action: 'edit', itemId: record.id })}>
              Edit
            </button>
            <button type="button" className="lib-button" onClick={() => handOff({ action: 'animate', itemId: record.id })}>
              Animate
            </button>
          </>
        )}
        <ItemExportActions record={record} onDone={(message) => showToast(message)} />
        {record.trashedAt === null && (
          <button type="button" className="lib-button lib-danger" onClick={() => void trashItems([record.id])}>
            Move to trash
          </button>
        )}
      </div>
      <ItemOrganizer record={record} />
      <h3>Prompt</h3>
      <p className="lb-prompt">{record.prompt || <em>No prompt</em>}</p>
      {record.editInstruction && (
        <>
          <h3>Edit instruction</h3>
          <p className="lb-prompt">{record.editInstruction}</p>
        </>
      )}
      <dl className="lb-facts">
        <dt>Model</dt>
        <dd>{record.model ?? 'Unknown'}</dd>
        <dt>Cost</dt>
        <dd data-testid="lb-cost">{formatCost(record.costTicks)}{record.costTicks === null ? '' : simulatedMark(simulated)}</dd>
        <dt>Created</dt>
        <dd>{formatDate(record.createdAt)}</dd>
        {size && (
          <>
            <dt>Size</dt>
            <dd>
              {size}
              {record.aspectRatio ? ` (${record.aspectRatio})` : ''} · {formatBytes(record.bytes)}
            </dd>
          </>
        )}
        {record.kind === 'video' && (
          <>
            <dt>Duration</dt>
            <dd>{formatDuration(record.durationMs)}</dd>
          </>
        )}
        <dt>Origin</dt>
        <dd>{record.origin}</dd>
        <dt>Request id</dt>
        <dd className="lb-mono">{record.requestId ?? '—'}</dd>
        <dt>Moderation</dt>
        <dd>{record.moderation ?? 'Passed'}</dd>
        {params.map(([k, v]) => (
          <div key={k} className="lb-param">
            <dt>{k}</dt>
            <dd className="lb-mono">{paramText(v)}</dd>
          </div>
        ))}
      </dl>
      {detail && (
        <>
          <LineageStrip title="Made from" links={detail.parents} onOpen={props.onOpen} />
          <LineageStrip title="Used in" links={detail.children} onOpen={props.onOpen} />
        </>
      )}
    </aside>
  );
}
