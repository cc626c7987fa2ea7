import type { ShareLink, SharePreview } from '@contract';
import { useEffect, useState } from 'react';
import { formatBytes } from '../library/format';
import { useModal } from '../library/use-modal';
import { copyLink, createShare, EXPIRY_CHOICES, expiresText, prepareShare } from './share-commands';

type Step = { kind: 'preparing' } | { kind: 'confirm'; preview: SharePreview } | { kind: 'uploading'; preview: SharePreview } | { kind: 'done'; link: ShareLink } | { kind: 'failed'; message: string };

/**
 * "Create share link": says plainly that the file leaves this computer and what exactly is sent, lets the user pick
 * how long the link lives, and only then uploads. The finished link is shown with a Copy button.
 */
export function ShareDialog(props: { itemId: string; onClose(): void }) {
  const ref = useModal(props.onClose);
  const [step, setStep] = useState<Step>({ kind: 'preparing' });
  const [expiry, setExpiry] = useState(86_400);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let live = true;
    void prepareShare(props.itemId).then((p) => live && setStep(typeof p === 'string' ? { kind: 'failed', message: p } : { kind: 'confirm', preview: p }));
    return () => {
      live = false;
    };
  }, [props.itemId]);

  const upload = async (preview: SharePreview) => {
    setStep({ kind: 'uploading', preview });
    const link = await createShare(preview.token, expiry);
    setStep(typeof link === 'string' ? { kind: 'failed', message: link } : { kind: 'done', link });
  };

  return (
    <dialog ref={ref} className="lib-dialog share-dialog" aria-labelledby="share-title">
      <h2 id="share-title">Create share link</h2>
      {step.kind === 'preparing' && <p role="status">Preparing the file…</p>}
      {step.kind === 'failed' && (
        <p className="lib-error" role="alert">
          {step.message}
        </p>
      )}
      {(step.kind === 'confirm' || step.kind === 'uploading') && (
        <>
          <p className="share-warning" role="note">
            <strong>The file leaves this computer.</strong> It is uploaded to xAI, and anyone who has the link can open it
            until it expires or you revoke it.
            {step.preview.simulated && ' (Demo mode: the built-in simulator makes the link; it only opens on this computer.)'}
          </p>
          <dl className="share-facts">
            <dt>File</dt>
            <dd>{step.preview.name}</dd>
            <dt>Sent as</dt>
            <dd>
              {step.preview.mime} · {formatBytes(step.preview.bytes)}
              {step.preview.convertedFrom && ` (converted from ${step.preview.convertedFrom}: xAI's links do not take it)`}
            </dd>
            <dt>Left out</dt>
            <dd>The prompt, settings and other metadata</dd>
          </dl>
          <label className="lib-field lib-stack">
            <span>Link expires after</span>
            <select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))} disabled={step.kind === 'uploading'}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.seconds} value={c.seconds}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {step.kind === 'done' && (
        <>
          <p role="status">The link is ready. {expiresText(step.link)}.</p>
          <label className="lib-field lib-stack">
            <span>Share link</span>
            <input readOnly value={step.link.url} onFocus={(e) => e.target.select()} />
          </label>
        </>
      )}
      <div className="lib-dialog-actions">
        {step.kind === 'done' ? (
          <>
            <button type="button" className="lib-button" onClick={() => void copyLink(step.link.url).then(setCopied)}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
            <button type="button" className="lib-button lib-primary" onClick={props.onClose}>
              Done
            </button>
          </>
        ) : (
          <>
            <button type="button" className="lib-button" autoFocus onClick={props.onClose}>
              Cancel
            </button>
            {(step.kind === 'confirm' || step.kind === 'uploading') && (
              <button type="button" className="lib-button lib-primary" disabled={step.kind === 'uploading'} onClick={() => void upload(step.preview)}>
                {step.kind === 'uploading' ? 'Uploading…' : 'Upload and create link'}
              </button>
            )}
          </>
        )}
      </div>
    </dialog>
  );
}
