import { useCallback, useEffect, useState } from 'react';
import { useStudio } from '../../stores/store';
import { BatchBoard } from './BatchBoard';
import { draftPrompts, refreshEstimate, submitDraft } from './commands';
import { CostLine } from './CostLine';
import { acceptRewrite } from './enhance-commands';
import { RewrittenNote, useEnhancer } from './EnhanceControls';
import { QueuePanel } from './QueuePanel';
import { ComparePanel } from './ComparePanel';
import { PromptLibrary } from './PromptLibrary';
import { OptionsBar } from './OptionsBar';
import { imageProviderOf, imageProviders, imageSpec, useCapabilityTable } from '../controls/capabilities';
import { ProviderKeyNote } from './ProviderKeyNote';
import { SubjectReference } from './SubjectReference';
import { PresetBar } from './PresetBar';
import { PromptBox } from './PromptBox';
import { takeRemixHandoff } from './remix';
import { Examples, IMAGE_EXAMPLES } from '../shell/Examples';
import { KeyGate, useKeyGated } from '../shell/KeyGate';
import { registerShortcuts } from '../shell/shortcuts';
import './generate.css';

registerShortcuts({
  id: 'generate',
  title: 'Generate',
  order: 1,
  shortcuts: [
    { keys: 'Ctrl/⌘ + Enter', action: 'Generate' },
    { keys: '↑ / ↓', action: 'Previous / next prompt from history', where: 'in the prompt' },
    { keys: 'Ctrl/⌘ + R', action: 'Search prompt history', where: 'in the prompt' },
    { keys: '← / →', action: 'Choose a ratio', where: 'on the aspect ratios' },
    { keys: 'Shift + F10 / Menu', action: 'Actions of a finished image', where: 'on a batch tile' },
    { keys: 'Click or Enter', action: 'Open an image in the viewer', where: 'on a batch tile' },
  ],
});

/** Generate: prompts and options, the live estimate, and the board of batches filling in. */
export function GeneratePage() {
  const draft = useStudio((s) => s.draft);
  const table = useCapabilityTable();
  const providers = imageProviders(table);
  const gated = useKeyGated(providers);
  const estimate = useStudio((s) => s.estimate);
  const submitError = useStudio((s) => s.submitError);
  const setDraft = useStudio((s) => s.setDraft);
  const [busy, setBusy] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [library, setLibrary] = useState(false);
  const openShortcuts = useStudio((s) => s.setShortcutsOpen);
  /** Bumped after a submit: main added its prompts to the history, so the prompt box reloads it. */
  const [historyVersion, setHistoryVersion] = useState(0);
  const maxLength = imageSpec(table, draft.model)?.promptLimit ?? 1024;
  const prompts = draftPrompts(draft.text, draft.batchMode);
  const enhancer = useEnhancer({
    prompt: draft.text, target: 'image', submitLabel: 'Generate', onAccept: acceptRewrite,
    blocked: draft.batchMode ? 'Turn batch mode off to enhance one prompt.' : null,
  });
  // The Library's Remix: taken on mount and whenever one arrives while Generate is open.
  const handoff = useStudio((s) => s.library.handoff);
  useEffect(() => {
    if (handoff?.action === 'remix') void takeRemixHandoff();
  }, [handoff]);

  useEffect(() => {
    const t = setTimeout(() => void refreshEstimate(), 150);
    return () => clearTimeout(t);
  }, [draft]);

  const submit = useCallback(async () => {
    if (busy || prompts.length === 0) return;
    setBusy(true);
    const ok = await submitDraft();
    setBusy(false);
    if (ok) setHistoryVersion((v) => v + 1);
  }, [busy, prompts]);

  useEffect(() => {
    // Page-wide, so Ctrl/Cmd+Enter works after picking a ratio or a model too, not only in the prompt.
    // (`?` opens the app's shortcuts list, see shell/ShortcutsOverlay.)
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit]);

  return (
    <section className="generate" aria-label="Generate">
      {/* Without a key the form waits behind the gate; the page keeps its heading above it. */}
      {gated && <h1 className="generate-gated-title">Generate</h1>}
      <KeyGate what="generate images" providers={providers}>
        <form
          className="composer"
          aria-label="New batch"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="composer-main">
            <div className="composer-left">
              <PromptBox
                value={draft.text}
                batchMode={draft.batchMode}
                maxLength={maxLength}
                historyVersion={historyVersion}
                onChange={(text) => setDraft(text.trim() ? { text } : { text, originalPrompt: null })}
                heading={<h1>Generate</h1>}
                links={<button type="button" className="link" onClick={() => openShortcuts(true)} aria-keyshortcuts="?">Shortcuts (?)</button>}
              />
              {/* Secondary tools on one row under the prompt: stacked beside Generate they made the composer
                  ~120 px taller and pushed the first result off a 1024×700 screen. */}
              <div className="composer-tools" role="group" aria-label="Prompt tools">
                {enhancer.button}
                <button type="button" aria-expanded={comparing} onClick={() => setComparing((c) => !c)}>Compare models</button>
                <button type="button" aria-expanded={library} onClick={() => setLibrary((v) => !v)}>Prompt library</button>
              </div>
              <Examples
                examples={IMAGE_EXAMPLES}
                // Batch mode adds the example as one more line; otherwise it replaces the prompt.
                onPick={(text) => setDraft({ text: draft.batchMode && draft.text.trim() ? `${draft.text.trimEnd()}\n${text}` : text, originalPrompt: null })}
              />
            </div>
            <div className="composer-go">
              <button type="submit" className="primary" disabled={busy || prompts.length === 0} aria-keyshortcuts="Control+Enter Meta+Enter">
                {busy ? 'Queuing…' : 'Generate'}
              </button>
              <CostLine estimate={estimate} prompts={prompts.length} />
            </div>
          </div>
          {comparing && <ComparePanel onClose={() => setComparing(false)} />}
          {library && <PromptLibrary onClose={() => setLibrary(false)} />}
          {enhancer.panel}
          {draft.originalPrompt && !enhancer.open && (
            <RewrittenNote original={draft.originalPrompt} kept="images" onRestore={() => setDraft({ text: draft.originalPrompt ?? '', originalPrompt: null })} />
          )}
          {/* The parameters: one compact, wrapping row of controls under the prompt (each control brings its label). */}
          <div className="composer-options">
            <label className="check">
              <input type="checkbox" checked={draft.batchMode} onChange={(e) => setDraft({ batchMode: e.target.checked })} />
              Batch mode: one prompt per line
            </label>
            <OptionsBar />
            <SubjectReference />
            <PresetBar />
          </div>
          {submitError && <p className="form-error" role="alert">{submitError}</p>}
        </form>
        {/* Outside the composer: its key form is a form of its own (forms do not nest). */}
        <ProviderKeyNote provider={imageProviderOf(table, draft.model)} />
      </KeyGate>
      {/* Results first, in the DOM as on screen: folded, the queue is one line under Results; its open rows take a
          column beside Results (generate.css), so a paused queue never squeezes the results off the screen. */}
      <div className="generate-stage">
        <BatchBoard />
        <QueuePanel />
      </div>
    </section>
  );
}
