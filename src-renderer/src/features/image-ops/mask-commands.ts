import { ApiError, invoke } from '../../lib/api';
import type { CanvasStore } from '../edit/canvas/canvas-store';
import type { EditStep } from '../edit/canvas/types';
import { maskToPngBase64 } from './mask-canvas';

const message = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

/** A Stability AI edit of the stage's first source: with a painted mask (inpaint, erase), or by what to find. */
export type StageEdit =
  | { operation: 'inpaint' | 'erase'; itemId: string; canvas: HTMLCanvasElement }
  | { operation: 'search-replace'; itemId: string; searchPrompt: string };

/**
 * Sends an edit of the first source to Stability AI through main, and adds its step to the tree with what it was sent
 * with (the mask, or what was searched for), so going back to a step shows it.
 */
export async function submitMaskEdit(store: CanvasStore, o: StageEdit): Promise<void> {
  const s = store.getState();
  if (s.submitting) return;
  const maskBase64 = o.operation === 'search-replace' ? null : maskToPngBase64(o.canvas);
  if (o.operation !== 'search-replace' && !maskBase64) return;
  store.setState({ submitting: true, error: null });
  try {
    const out = await invoke('edit:operation', {
      provider: 'stability', operation: o.operation, itemId: o.itemId,
      ...(maskBase64 ? { maskBase64 } : {}),
      ...(o.operation === 'erase' ? {} : { prompt: s.prompt }),
      ...(o.operation === 'search-replace' ? { searchPrompt: o.searchPrompt } : {}),
    });
    const now = store.getState();
    const prompt = o.operation === 'erase' ? 'Erase' : o.operation === 'search-replace' ? `Replace “${o.searchPrompt}” with: ${s.prompt}` : s.prompt;
    const step: EditStep = {
      id: now.steps.length + 1, parentId: now.currentStepId, sources: s.doc.sources, prompt,
      results: [out.result], blocked: 0, operation: o.operation, ...(maskBase64 ? { mask: `data:image/png;base64,${maskBase64}` } : {}),
    };
    store.setState({ steps: [...now.steps, step], currentStepId: step.id });
  } catch (err) {
    store.setState({ error: message(err) });
  } finally {
    store.setState({ submitting: false });
  }
}
