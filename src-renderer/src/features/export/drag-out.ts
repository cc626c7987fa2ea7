/**
 * Dragging items out of the window. Electron drags the real files (`desktop:start-drag`); Chromium (the browser
 * host) downloads a `DownloadURL` when the drag ends on the desktop or in a file manager, and other apps take the
 * `text/uri-list`.
 */
import type { LibraryRecord } from '@contract';
import { invoke, mediaUrl } from '../../lib/api';
import { capabilities } from './capabilities';

/** What a drag needs of an item. */
export type DraggedItem = Pick<LibraryRecord, 'id' | 'kind' | 'mime' | 'file' | 'createdAt'>;

/** The file name a drop saves as (the same pattern exports use). */
export function dragFileName(item: DraggedItem): string {
  const ext = item.file.split('.').at(-1) ?? 'bin';
  const day = new Date(item.createdAt).toISOString().slice(0, 10);
  return `imagine-${day}-${item.id.slice(0, 8)}.${ext}`;
}

/** Chromium's `DownloadURL` value: `mime:name:absolute-url` (the name may not contain a colon). */
export function downloadUrlData(item: DraggedItem, absoluteUrl: string): string {
  return `${item.mime}:${dragFileName(item).replaceAll(':', '_')}:${absoluteUrl}`;
}

/**
 * Fills a `dragstart` for items. In Electron the OS drag replaces the page's (main starts it from this window);
 * elsewhere the first item travels as a download URL and every item as a URI.
 */
export function startDragOut(event: Pick<DragEvent, 'dataTransfer' | 'preventDefault'>, items: readonly DraggedItem[]): void {
  const [first] = items;
  if (!first || !event.dataTransfer) return;
  if (capabilities().nativeDrag) {
    event.preventDefault();
    void invoke('desktop:start-drag', { ids: items.slice(0, 100).map((i) => i.id) }).catch(() => undefined);
    return;
  }
  const urls = items.map((i) => new URL(mediaUrl(i.file), window.location.href).href);
  event.dataTransfer.effectAllowed = 'copy';
  event.dataTransfer.setData('DownloadURL', downloadUrlData(first, urls[0] ?? ''));
  event.dataTransfer.setData('text/uri-list', urls.join('\r\n'));
  event.dataTransfer.setData('text/plain', urls.join('\n'));
}
