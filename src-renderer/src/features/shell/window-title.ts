/**
 * The window title names the section and what is open in it ("a red fox in snow — Library — Imagine Studio": the
 * viewer's item, else the Library's collection or trash, else Edit's sources), and
 * how much work is running. It is what the OS shows in the taskbar, the window switcher and the dock's window list;
 * Electron's window follows the page title, and so does the browser tab.
 */
import { useEffect } from 'react';
import { SECTIONS, type SectionId } from '../../stores/sections';
import { useStudio, type StudioState } from '../../stores/store';
import { itemName } from '../library/format';
import { runningIn } from './Navigation';

export const APP_NAME = 'Imagine Studio';
const MAX_DETAIL = 60;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL - 1).trimEnd()}…` : flat;
}

/** The item in the viewer (over any section), named as the viewer's heading names it (prompt, else its title). */
function viewerDetail(s: StudioState): string | null {
  if (!s.viewer) return null;
  const record = s.library.records.get(s.viewer.id);
  return record ? itemName(record, MAX_DETAIL) : 'Viewer';
}

/** What is open in the Library: the collection or the trash. */
function libraryDetail(s: StudioState): string | null {
  const lib = s.library;
  if (lib.view.kind === 'trash') return 'Trash';
  if (lib.view.kind === 'collection') {
    const id = lib.view.id;
    return shorten(lib.collections.find((c) => c.id === id)?.name ?? 'Collection');
  }
  return null;
}

export function windowTitle(s: StudioState): string {
  const section = SECTIONS.find((x) => x.id === s.section)!;
  const detail = viewerDetail(s) ?? (s.section === 'library' ? libraryDetail(s) : (s.sectionDetail[s.section] ?? null));
  const running = SECTIONS.reduce((n, x) => n + runningIn(s, x.id), 0);
  const label = running > 0 ? `${section.label} (${running} running)` : section.label;
  return [detail, label, APP_NAME].filter(Boolean).join(' — ');
}

/** Keeps document.title in step with the store. */
export function useWindowTitle(): void {
  const title = useStudio(windowTitle);
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** For sections whose open thing lives outside the app store (Edit's canvas): names it while the section is up. */
export function useSectionDetail(section: SectionId, detail: string | null): void {
  const set = useStudio((s) => s.setSectionDetail);
  useEffect(() => {
    set(section, detail === null ? null : shorten(detail));
  }, [set, section, detail]);
}
