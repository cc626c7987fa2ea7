/**
 * The app's keyboard shortcuts as data: each screen registers its group once (at module load), and the global
 * overlay (`?` or Ctrl/Cmd+/) lists every group. Screens keep handling their own keys; this is the list of them.
 */
import { useSyncExternalStore } from 'react';

export interface Shortcut {
  /** As shown to the user, e.g. "Ctrl/⌘ + Enter". */
  keys: string;
  /** What it does, as a short phrase. */
  action: string;
  /** Where it works, when narrower than the group (e.g. "in the prompt"). */
  where?: string;
}

export interface ShortcutGroup {
  id: string;
  title: string;
  /** Position in the list: the shell first, then sections in navigation order. */
  order: number;
  shortcuts: readonly Shortcut[];
}

const groups = new Map<string, ShortcutGroup>();
const listeners = new Set<() => void>();
let snapshot: readonly ShortcutGroup[] = [];

function publish() {
  snapshot = [...groups.values()].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  for (const listener of listeners) listener();
}

/** Adds (or replaces, by id) a group; answers a function that removes it again. */
export function registerShortcuts(group: ShortcutGroup): () => void {
  groups.set(group.id, group);
  publish();
  return () => {
    if (groups.get(group.id) !== group) return;
    groups.delete(group.id);
    publish();
  };
}

export function shortcutGroups(): readonly ShortcutGroup[] {
  return snapshot;
}

export function useShortcutGroups(): readonly ShortcutGroup[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    shortcutGroups,
    shortcutGroups,
  );
}

/** Apple keyboards say ⌘ where others say Ctrl; the lists are written "Ctrl/⌘" and shown for this machine. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const MOD_KEY = IS_MAC ? '⌘' : 'Ctrl';
export function displayKeys(keys: string): string {
  return keys.replaceAll('Ctrl/⌘', MOD_KEY);
}

/** True when a key press is aimed at a text field, where single-character shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) &&
    !(target instanceof HTMLInputElement && ['checkbox', 'radio', 'button', 'range'].includes(target.type))
  );
}

/** The shell's own keys; order 0 puts them first. */
registerShortcuts({
  id: 'app',
  title: 'Anywhere',
  order: 0,
  shortcuts: [
    { keys: 'Ctrl/⌘ + 1…5', action: 'Open Generate, Edit, Video, Library or Settings' },
    { keys: '↑ / ↓, Home / End', action: 'Move between sections', where: 'in the section list' },
    { keys: '? or Ctrl/⌘ + /', action: 'Show this list' },
    { keys: 'Esc', action: 'Close a dialog or this list' },
  ],
});
