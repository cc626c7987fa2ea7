/**
 * "Enhance prompt" for any form with a prompt (Generate and Video, issue 19): the button, the rewrite awaiting a
 * decision, and the line that says an accepted rewrite replaced the user's words. The form keeps the prompt and the
 * original; this only asks main for a rewrite and shows it — nothing is sent until Accept and the form's submit.
 */
import { useState, type ReactNode } from 'react';
import type { EnhanceTarget, EnhanceView } from '@contract';
import { requestRewrite } from './enhance-commands';
import { PromptRewrite } from './PromptRewrite';

export interface Enhancer {
  /** The button; disabled while a rewrite is asked for or awaits a decision, or when `blocked` says why not. */
  button: ReactNode;
  /** The rewrite beside the original with Accept and Discard, while one awaits a decision. */
  panel: ReactNode;
  /** A rewrite awaits a decision (the "rewritten from" line waits too). */
  open: boolean;
}

export function useEnhancer(opts: {
  prompt: string;
  target: EnhanceTarget;
  /** The form's submit button, named in the panel ("press Generate video"). */
  submitLabel: string;
  /** Why enhancing is not possible now (batch mode), or null. */
  blocked?: string | null;
  onAccept(original: string, rewrite: string): void;
}): Enhancer {
  const [enhancing, setEnhancing] = useState(false);
  const [rewrite, setRewrite] = useState<EnhanceView | null>(null);
  const prompt = opts.prompt.trim();
  const enhance = async () => {
    if (enhancing || !prompt) return;
    setEnhancing(true);
    const view = await requestRewrite(prompt, opts.target);
    setEnhancing(false);
    if (view) setRewrite(view);
  };
  const button = (
    <button
      type="button"
      disabled={enhancing || !!opts.blocked || !prompt || rewrite !== null}
      title={opts.blocked ?? 'A Grok text model suggests a richer prompt; you see it before anything is sent.'}
      onClick={() => void enhance()}
    >
      {enhancing ? 'Enhancing…' : 'Enhance prompt'}
    </button>
  );
  const panel = rewrite && (
    <PromptRewrite
      view={rewrite}
      submitLabel={opts.submitLabel}
      onAccept={(text) => {
        opts.onAccept(rewrite.original, text);
        setRewrite(null);
      }}
      onDiscard={() => setRewrite(null)}
    />
  );
  return { button, panel, open: rewrite !== null };
}

/** After an accepted rewrite: the user's own words, kept beside it, and a way back to them. */
export function RewrittenNote(props: { original: string; kept: string; onRestore(): void }) {
  return (
    <p className="rewrite-note muted" data-testid="original-prompt">
      Rewritten from your prompt: “{props.original}”. Both are kept on the {props.kept}.{' '}
      <button type="button" className="link" onClick={props.onRestore}>Restore original</button>
    </p>
  );
}
