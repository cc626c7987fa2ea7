/**
 * imagine-studio:// links, as main hands them over after parsing and checking them (the renderer never sees a raw
 * URL): open an item in the viewer, the Library on a collection, or Generate with a prompt filled in. A link never
 * starts paid work: the remix only fills the form.
 */
import type { DeepLink } from '@contract';
import { invoke, subscribe } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { applyRemix } from '../generate/remix';

export function openDeepLink(link: DeepLink): void {
  const s = useStudio.getState();
  switch (link.kind) {
    case 'item':
      // The Library under the viewer (where the item lives); ←/→ have nothing else to step to.
      s.setSection('library');
      s.openViewer({ id: link.id, from: 'list', ids: [link.id] });
      return;
    case 'collection':
      s.closeViewer();
      s.patchLibrary({ view: { kind: 'collection', id: link.id }, focusIndex: 0, selection: { selected: new Set(), anchor: null } });
      s.setSection('library', { focus: true });
      return;
    case 'remix':
      s.closeViewer();
      s.setSection('generate', { focus: true });
      applyRemix({ prompt: link.prompt });
      s.pushNotice('info', 'A link filled in the prompt. Nothing is sent until you press Generate.');
      return;
  }
}

/** Listens for links, then takes those that arrived before the window was up (the one that launched the app). */
export async function startDeepLinks(): Promise<void> {
  subscribe('links:open', openDeepLink);
  const { links, refused } = await invoke('links:pending', {});
  for (const message of refused) useStudio.getState().pushNotice('warning', message);
  for (const link of links) openDeepLink(link);
}
