/** "Enhance prompt": ask main for a rewrite, and put an accepted one in the draft with the original kept beside it. */
import type { EnhanceTarget, EnhanceView } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

/** Asks for a rewrite of `prompt`; answers it, or null after telling the user why not. */
export async function requestRewrite(prompt: string, target: EnhanceTarget = 'image'): Promise<EnhanceView | null> {
  try {
    return await invoke('prompts:enhance', { prompt, target });
  } catch (err) {
    useStudio.getState().pushNotice('error', err instanceof ApiError ? err.message : String(err));
    return null;
  }
}

/** Puts an accepted rewrite in the prompt; the prompt it replaced stays the original (an earlier original wins). */
export function acceptRewrite(original: string, rewrite: string): void {
  const { draft, setDraft } = useStudio.getState();
  setDraft({ text: rewrite, originalPrompt: draft.originalPrompt ?? original });
}
