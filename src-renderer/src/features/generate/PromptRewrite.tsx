import { useState } from 'react';
import type { EnhanceView } from '@contract';
import { usd } from './format';
import { simulatedMark, useSimulated } from './LedgerBar';
import { wordDiff } from './word-diff';

/**
 * A rewrite from "Enhance prompt", beside the original: the original with what the rewrite drops struck through,
 * the rewrite with what it adds marked, and the rewrite in an editable box. Nothing is sent until "Accept" puts it
 * in the prompt (the original is kept with it); "Discard" leaves the prompt as it was.
 */
export function PromptRewrite(props: { view: EnhanceView; submitLabel: string; onAccept(text: string): void; onDiscard(): void }) {
  const { view } = props;
  const [text, setText] = useState(view.rewrite);
  const simulated = useSimulated();
  const parts = wordDiff(view.original, text);
  return (
    <section className="rewrite" aria-label="Prompt rewrite" onKeyDown={(e) => e.key === 'Escape' && props.onDiscard()}>
      <div className="rewrite-cols">
        <div className="rewrite-col">
          <h2 id="rewrite-original">Your prompt</h2>
          <p className="rewrite-text" aria-labelledby="rewrite-original" data-testid="rewrite-original">
            {parts.filter((p) => p.op !== 'add').map((p, i) => (p.op === 'del' ? <del key={i}>{p.text}</del> : <span key={i}>{p.before ?? p.text}</span>))}
          </p>
        </div>
        <div className="rewrite-col">
          <h2 id="rewrite-new">Rewrite</h2>
          <p className="rewrite-text" aria-labelledby="rewrite-new" data-testid="rewrite-diff">
            {parts.filter((p) => p.op !== 'del').map((p, i) => (p.op === 'add' ? <ins key={i}>{p.text}</ins> : <span key={i}>{p.text}</span>))}
          </p>
          <label className="rewrite-edit">
            <span>Edit the rewrite</span>
            <textarea value={text} rows={3} onChange={(e) => setText(e.target.value)} />
          </label>
        </div>
      </div>
      <div className="rewrite-actions">
        <button type="button" className="primary" disabled={!text.trim()} onClick={() => props.onAccept(text.trim())}>Accept</button>
        <button type="button" onClick={props.onDiscard}>Discard</button>
        <span className="muted" data-testid="rewrite-cost">
          Written by {view.model} for {usd(view.costTicks)}{simulatedMark(simulated)} (in the ledger). Nothing is generated until you accept and press {props.submitLabel}.
        </span>
      </div>
    </section>
  );
}
