/**
 * Keeps the app's Edit canvas in main across a reload or a restart (issue 14.6): what is on the canvas, the prompt,
 * the options and the step tree, not the undo stacks. Main holds it rather than localStorage because the source ids
 * are main's temp files (main checks them again and re-prepares swept ones from the library) and because the browser
 * host's origin, and so its localStorage, changes with every launch.
 */
import type { EditSession } from '@contract';
import { invoke } from '../../lib/api';
import type { CanvasStore } from './canvas/canvas-store';
import type { CanvasState } from './canvas/types';

const SAVE_DELAY_MS = 300;

const toSession = (s: CanvasState): EditSession => ({
  sources: s.doc.sources,
  selectedKey: s.doc.selectedKey,
  prompt: s.prompt,
  params: s.params,
  paramsTouched: s.paramsTouched,
  // A mask is a large data URL of one moment: steps are kept without it.
  steps: s.steps.slice(-100).map(({ mask: _mask, ...step }) => step),
  currentStepId: s.currentStepId,
});

const kept = (s: CanvasState) => [s.doc, s.prompt, s.params, s.paramsTouched, s.steps, s.currentStepId] as const;

/** Loads the kept canvas into `store` (unless the user already started), then saves every change shortly after. */
export async function keepCanvas(store: CanvasStore): Promise<() => void> {
  try {
    const { session, dropped } = await invoke('edit:session', {});
    const now = store.getState();
    const untouched = now.doc.sources.length === 0 && now.steps.length === 0 && now.pending === 0;
    if (session && untouched) {
      store.setState({
        doc: { sources: session.sources, selectedKey: session.selectedKey },
        prompt: session.prompt,
        // A canvas kept before quality existed takes today's default.
        params: { ...now.params, ...session.params, quality: session.params.quality ?? now.params.quality, provider: session.params.provider ?? now.params.provider },
        paramsTouched: session.paramsTouched ?? false,
        steps: session.steps,
        currentStepId: session.currentStepId,
        refusals: dropped.map((name, i) => ({ id: -1 - i, name, reason: 'Not kept since the last session: add it again.' })),
      });
    }
  } catch {
    // Nothing kept, or main cannot read it: start with an empty canvas.
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = store.subscribe((next, prev) => {
    const a = kept(next);
    const b = kept(prev);
    if (a.every((v, i) => v === b[i])) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const s = store.getState();
      const empty = s.doc.sources.length === 0 && s.steps.length === 0 && s.prompt === '';
      void invoke('edit:save-session', { session: empty ? null : toSession(s) }).catch(() => {});
    }, SAVE_DELAY_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
