/**
 * "Vary (subtle)" and "Vary (strong)" on any image (viewer and tile menus): an edit of that image asking for a
 * variation, with the Generate form's model, images per prompt, resolution and quality. The results land in the
 * Library linked to the image (its lineage shows them).
 */
import type { VaryStrength } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

export const VARY_LABEL: Record<VaryStrength, string> = { subtle: 'Vary (subtle)', strong: 'Vary (strong)' };

/** Sends the variation; answers the new items' ids (empty after telling the user why not). */
export async function varyItem(itemId: string, strength: VaryStrength): Promise<string[]> {
  const s = useStudio.getState();
  const { model, n, resolution, quality } = s.draft;
  s.pushNotice('info', `Making ${n} ${strength} variation${n === 1 ? '' : 's'}…`);
  try {
    const out = await invoke('edit:vary', { itemId, strength, model, n, resolution, ...(quality && quality !== 'auto' ? { quality } : {}) });
    const made = out.results.length;
    const blocked = out.blocked ? `, ${out.blocked} withheld by xAI's content policy` : '';
    useStudio.getState().pushNotice('info', `${made} variation${made === 1 ? '' : 's'} added to the Library, linked to the image${blocked}.`);
    return out.results.map((r) => r.itemId);
  } catch (err) {
    useStudio.getState().pushNotice('error', err instanceof ApiError ? err.message : String(err));
    return [];
  }
}
