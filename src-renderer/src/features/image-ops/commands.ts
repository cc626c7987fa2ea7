/**
 * Other providers' one-click image operations (issue 18 §4): Remove background, Upscale ×2/×4 and creative,
 * Outpaint, Erase (handed to the edit stage) and the mask edits. Main runs each as a paid job (budget, staging, ledger, lineage); the renderer only asks and shows.
 */
import { findOperation, operationPriceTicks, type CapabilityTable, type EventPayload, type ImageOperationInput, type ImageOperationOutput, type OperationName } from '@contract';
import { invoke, subscribe } from '../../lib/api';
import { notifyWhenAway } from '../shell/notify';
import { useStudio } from '../../stores/store';
import { formatCost } from '../library/format';

/** The one-click operations, as buttons and menu items name them. */
export const ONE_CLICK = [
  { id: 'remove-background', label: 'Remove background', busy: 'Removing the background…', input: { operation: 'remove-background' } },
  { id: 'upscale-2', label: 'Upscale ×2', busy: 'Upscaling ×2…', input: { operation: 'upscale', scale: 2 } },
  { id: 'upscale-4', label: 'Upscale ×4', busy: 'Upscaling ×4…', input: { operation: 'upscale', scale: 4 } },
  { id: 'upscale-creative', label: 'Upscale (creative)', busy: 'Upscaling (creative)… this takes a minute or so', input: { operation: 'upscale-creative' } },
] as const satisfies readonly { id: string; label: string; busy: string; input: Omit<ImageOperationInput, 'itemId'> }[];

/** The capability table's operation behind a request. */
const tableOperation = (input: Pick<ImageOperationInput, 'operation'>): OperationName => (input.operation === 'upscale' ? 'upscale-fast' : input.operation);

/** The list price of an operation, in words ("$0.05"), from the capability table; null when the provider lacks it. */
export function priceOf(table: CapabilityTable, input: Pick<ImageOperationInput, 'operation'>): string | null {
  const ticks = operationPriceTicks('stability', tableOperation(input), undefined, table);
  return ticks === undefined ? null : formatCost(ticks);
}

/** Whether "Erase…" is offered: the table lists Stability's erase with a mask (painted on the edit stage). */
export const eraseOffered = (table: CapabilityTable): boolean => findOperation('stability', 'erase', table)?.mask === true;

/**
 * Whether Stability AI's operations can run now: demo mode (its simulator), or a Stability key that is set and not
 * rejected. The renderer offers only what can run.
 */
export function useStabilityReady(): boolean {
  return useStudio((s) => {
    if (s.settingsView?.settings.demoMode) return true;
    const key = s.providerKeys.stability;
    return Boolean(key?.configured && key.state !== 'invalid');
  });
}

/** Runs one operation; the new item's id, or null after telling the user why not. */
export async function runImageOp(input: ImageOperationInput): Promise<ImageOperationOutput | null> {
  try {
    return await invoke('edit:operation', input);
  } catch (err) {
    useStudio.getState().pushNotice('error', err instanceof Error ? err.message : String(err));
    return null;
  }
}

/**
 * A creative upscale that a quit or a crash interrupted is collected by main at the next start, with no call waiting
 * for it: when it ends, say so (its result is in the library, filed as an edit of its source), or say why not.
 */
export function onImageOpSettled(e: EventPayload<'edit:operation-settled'>): void {
  const done = e.state === 'done';
  useStudio.getState().pushNotice(done ? 'info' : 'error', e.message);
  notifyWhenAway(done ? 'Imagine Studio: upscale ready' : 'Imagine Studio: upscale did not finish', e.message, { tag: `image-op-${e.sourceItemId}` });
}

/** The words for creative upscales main resumed at start ("" when there are none). */
export function collectingWords(count: number): string {
  if (count === 0) return '';
  const what = count === 1 ? 'a creative upscale' : `${count} creative upscales`;
  const it = count === 1 ? 'it is' : 'each is';
  return `Stability AI is still making ${what} started before Imagine Studio last closed: ${it} added to your library, as an edit of its source, when ready.`;
}

/**
 * Listens for resumed operations ending, and says at start which are still being collected: a creative upscale
 * interrupted by a quit or a crash otherwise runs on unseen until it ends.
 */
export function startImageOps(): void {
  void subscribe('edit:operation-settled', onImageOpSettled);
  void invoke('edit:operations-collecting', {}).then(
    (list) => {
      const words = collectingWords(list.length);
      if (words) useStudio.getState().pushNotice('info', words);
    },
    () => {}, // only a courtesy: the settle notice still comes
  );
}
