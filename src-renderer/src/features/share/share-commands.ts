/**
 * Share links in the renderer: prepare (main says what would leave the computer), create after the user confirmed
 * the warning, list, copy and revoke. `share:changed` bumps `library.shareVersion`, so every list refreshes.
 */
import type { ShareLink, SharePreview } from '@contract';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { errorText } from '../library/query-commands';

const notice = (what: string, err: unknown) => useStudio.getState().pushNotice('error', `${what}: ${errorText(err)}`);

/** The lifetimes offered (xAI allows one hour to thirty days). */
export const EXPIRY_CHOICES: { label: string; seconds: number }[] = [
  { label: '1 hour', seconds: 3_600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 604_800 },
  { label: '30 days', seconds: 2_592_000 },
];

export async function prepareShare(itemId: string): Promise<SharePreview | string> {
  try {
    return await invoke('share:prepare', { id: itemId });
  } catch (err) {
    return errorText(err);
  }
}

export async function createShare(token: string, expiresInSec: number): Promise<ShareLink | string> {
  try {
    return await invoke('share:create', { token, expiresInSec });
  } catch (err) {
    return errorText(err);
  }
}

export async function listShares(itemId?: string, includeEnded = false): Promise<ShareLink[]> {
  try {
    return (await invoke('share:list', { ...(itemId ? { itemId } : {}), includeEnded })).links;
  } catch (err) {
    notice('Could not list share links', err);
    return [];
  }
}

export async function revokeShare(id: string): Promise<void> {
  try {
    await invoke('share:revoke', { id });
    useStudio.getState().pushNotice('info', 'The link is revoked: it no longer opens.');
  } catch (err) {
    notice('Could not revoke the link', err);
  }
}

export async function copyLink(url: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    useStudio.getState().pushNotice('error', 'The clipboard is not available here: select the link and copy it.');
    return false;
  }
}

/** "in 23 hours", "in 6 days", "ended". */
export function expiresText(link: Pick<ShareLink, 'expiresAt' | 'state'>, now = Date.now()): string {
  if (link.state === 'revoked') return 'Revoked';
  const left = link.expiresAt - now;
  if (link.state === 'expired' || left <= 0) return 'Expired';
  const hours = left / 3_600_000;
  if (hours < 1) return `Expires in ${Math.max(1, Math.round(left / 60_000))} min`;
  if (hours < 48) return `Expires in ${Math.round(hours)} h`;
  return `Expires in ${Math.round(hours / 24)} days`;
}
