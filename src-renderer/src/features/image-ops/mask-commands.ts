import { ApiError, invoke } from '../../lib/api';
import type { CanvasStore } from '../edit/canvas/canvas-store';
import type { EditStep } from '../edit/canvas/types';
import { maskToPngBase64 } from './mask-canvas';

const message = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

/**
 * Sends a mask edit (inpaint or erase) of the first source to Stability AI through main, and adds its step to the
 * tree with the mask it was sent with, so going back to a step shows what was masked.
 */
export async function submitMaskEdit(store: CanvasStore, o: { operation: 'inpaint' | 'erase'; itemId: string; canvas: HTMLCanvasElement }): Promise<void> {
  const s = store.getState();
  if (s.submitting) return;
  const maskBase64 = maskToPngBase64(o.canvas);
  if (!maskBase64) return;
  store.setState({ submitting: true, error: null });
  try {
    const out = await invoke('edit:operation', {
      provider: 'stability', operation: o.operation, itemId: o.itemId, maskBase64, ...(o.operation === 'inpaint' ? { prompt: s.prompt } : {}),
    });
    const now = store.getState();
    const step: EditStep = {
      id: now.steps.length + 1, parentId: now.currentStepId, sources: s.doc.sources, prompt: o.operation === 'inpaint' ? s.prompt : 'Erase',
      results: [out.result], blocked: 0, operation: o.operation, mask: `data:image/png;base64,${maskBase64}`,
    };
    store.setState({ steps: [...now.steps, step], currentStepId: step.id });
  } catch (err) {
    store.setState({ error: message(err) });
  } finally {
    store.setState({ submitting: false });
  }
}
