import type { LibraryItemDetail, LibraryRecord } from '@contract';
import { VARY_LABEL, varyItem } from '../generate/vary-commands';
import { useState } from 'react';
import { useStudio } from '../../stores/store';
import { ItemExportActions } from '../export/ItemExportActions';
import { ItemOrganizer } from '../library/ItemOrganizer';
import { ItemShares } from '../share/ItemShares';
import '../share/share.css';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';
import { setFavorite, showToast, trashItems } from '../library/item-commands';
import { itemName } from '../library/format';
import { ImageOpsActions } from '../image-ops/ImageOpsActions';
import { LineageStrip } from './LineageStrip';
import { playheadOf } from './playhead';
import { saveFrame } from '../video/commands';
import { factsOf, requestRows } from './viewer-facts';

/**
 * The receipt of an item in words (prompt, model, size, cost, created, request id, moderation), its lineage and its
 * actions. The request exactly as sent stays folded under "Request details" for those who want it.
 */
/** "Use this frame" in the viewer: the frame under the playhead becomes a library image and the Video start image. */
async function frameToVideo(itemId: string): Promise<void> {
  await saveFrame(itemId, playheadOf(itemId));
  const state = useStudio.getState();
  state.closeViewer();
  state.setSection('video');
}

export function ViewerDetails(props: { record: LibraryRecord; detail: LibraryItemDetail | null; onOpen(id: string): void }) {
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
  const request = requestRows(record.params);

  return (
    <aside className="viewer-details" aria-label="Details">
      {/* An imported file is called by its name; anything else by its prompt. */}
      <h2 className="viewer-title">{itemName(record, 120)}</h2>
      <div className="viewer-actions">
        <button type="button" className="lib-button" aria-pressed={record.favorite} onClick={() => void setFavorite([record.id], !record.favorite)}>
          {record.favorite ? '★ Favorite' : '☆ Favorite'}
        </button>
        {record.prompt && (
          <button type="button" className="lib-button" onClick={() => handOff({ action: 'remix', itemId: record.id })}>
            Remix
          </button>
        )}
        {record.kind === 'video' && !record.missing && (
          <>
            <button type="button" className="lib-button" onClick={() => handOff({ action: 'extend', itemId: record.id })}>
              Extend
            </button>
            <button type="button" className="lib-button" onClick={() => handOff({ action: 'edit-video', itemId: record.id })}>
              Edit video
            </button>
            <button type="button" className="lib-button" onClick={() => void frameToVideo(record.id)}>
              Use this frame
            </button>
          </>
        )}
        {record.kind === 'image' && (
          <>
            <button type="button" className="lib-button" onClick={() => handOff({ action: 'edit', itemId: record.id })}>
              Edit
            </button>
            <button type="button" className="lib-button" onClick={() => handOff({ action: 'animate', itemId: record.id })}>
              Animate
            </button>
            {(['subtle', 'strong'] as const).map((strength) => (
              <button key={strength} type="button" className="lib-button" onClick={() => void varyItem(record.id, strength)}>
                {VARY_LABEL[strength]}
              </button>
            ))}
          </>
        )}
        <ItemExportActions record={record} onDone={(message) => showToast(message)} />
        {record.trashedAt === null && (
          <button type="button" className="lib-button lib-danger" onClick={() => void trashItems([record.id])}>
            Move to trash
          </button>
        )}
      </div>
      <ImageOpsActions record={record} onOpen={props.onOpen} />
      <ItemOrganizer record={record} />
      <ItemShares record={record} />
      {record.prompt ? (
        <>
          <div className="viewer-prompt-head">
            <h3>Prompt</h3>
            <button type="button" className="link" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy prompt'}
            </button>
          </div>
          <p className="viewer-prompt">{record.prompt}</p>
        </>
      ) : record.origin !== 'imported' ? (
        <p className="viewer-prompt"><em>No prompt</em></p>
      ) : null}
      {record.originalPrompt && (
        <>
          <h3>Original prompt (before the accepted rewrite)</h3>
          <p className="viewer-prompt">{record.originalPrompt}</p>
        </>
      )}
      {record.editInstruction && (
        <>
          <h3>Edit instruction</h3>
          <p className="viewer-prompt">{record.editInstruction}</p>
        </>
      )}
      <dl className="viewer-facts">
        {factsOf(record).map((f) => (
          <div key={f.label} className="viewer-fact">
            <dt>{f.label}</dt>
            <dd className={f.mono ? 'viewer-mono' : undefined} data-testid={f.testId}>
              {f.value}
              {f.testId === 'lb-cost' && record.costTicks !== null ? simulatedMark(simulated) : ''}
            </dd>
          </div>
        ))}
      </dl>
      {detail && (
        <>
          <LineageStrip title="Made from" links={detail.parents} onOpen={props.onOpen} />
          <LineageStrip title="Used in" links={detail.children} onOpen={props.onOpen} />
        </>
      )}
      {request.length > 0 && (
        <details className="viewer-request" aria-label="Request details">
          <summary>Request details</summary>
          <dl>
            {request.map(([k, v]) => (
              <div key={k} className="viewer-fact">
                <dt className="viewer-mono">{k}</dt>
                <dd className="viewer-mono">{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </aside>
  );
}
