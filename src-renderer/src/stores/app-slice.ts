import type { AppInfo, UpdateStatus } from '@contract';
import type { StateCreator } from 'zustand';
import { rememberSection } from './last-section';
import type { SectionId } from './sections';
import type { StudioState } from './store';

/** How a section was opened: by keyboard from elsewhere (`jump`: focus follows into the section) or in place. */
export type SectionOpen = { focus?: boolean };

/** App-wide state: which section is open, facts from main, and whether bootstrap finished. */
export interface AppSlice {
  section: SectionId;
  /** Bumped when the focus should move into the open section (Ctrl/Cmd+1…5, drop overlay's "Edit these"). */
  sectionFocusRequest: number;
  info: AppInfo | null;
  status: 'starting' | 'ready' | 'failed';
  startupError: string | null;
  notices: { id: number; level: 'info' | 'warning' | 'error'; message: string }[];
  /** The global keyboard-shortcuts list is open. */
  shortcutsOpen: boolean;
  /** Image files dropped anywhere and handed to the Edit screen, which takes them once it is open. */
  editDrop: File[] | null;
  /** What is open in a section whose state lives outside this store (Edit's sources), for the window title. */
  sectionDetail: Partial<Record<SectionId, string>>;
  /** The app's updater (desktop) or why there is none (browser host); null until bootstrap asked. */
  updateStatus: UpdateStatus | null;
  /** The "Restart to update" bar is showing (closed with Later; opens again for the next update). */
  updatePromptOpen: boolean;
  setUpdateStatus(status: UpdateStatus): void;
  setUpdatePromptOpen(open: boolean): void;
  setSectionDetail(section: SectionId, detail: string | null): void;
  setSection(section: SectionId, how?: SectionOpen): void;
  setInfo(info: AppInfo): void;
  setStatus(status: AppSlice['status'], error?: string): void;
  pushNotice(level: AppSlice['notices'][number]['level'], message: string): void;
  dismissNotice(id: number): void;
  setShortcutsOpen(open: boolean): void;
  setEditDrop(files: File[] | null): void;
  /** Answers the dropped files once and clears them. */
  takeEditDrop(): File[] | null;
}

let noticeId = 0;

export const createAppSlice: StateCreator<StudioState, [], [], AppSlice> = (set, get) => ({
  section: 'generate',
  sectionFocusRequest: 0,
  info: null,
  status: 'starting',
  startupError: null,
  notices: [],
  shortcutsOpen: false,
  editDrop: null,
  sectionDetail: {},
  updateStatus: null,
  updatePromptOpen: false,
  setUpdateStatus: (updateStatus) => set({ updateStatus }),
  setUpdatePromptOpen: (updatePromptOpen) => set({ updatePromptOpen }),
  setSectionDetail: (section, detail) =>
    set((s) => {
      if ((s.sectionDetail[section] ?? null) === detail) return s;
      const next = { ...s.sectionDetail };
      if (detail === null) delete next[section];
      else next[section] = detail;
      return { sectionDetail: next };
    }),
  setSection: (section, how) => {
    rememberSection(section);
    set((s) => ({ section, sectionFocusRequest: how?.focus ? s.sectionFocusRequest + 1 : s.sectionFocusRequest }));
  },
  setInfo: (info) => set({ info }),
  setStatus: (status, error) => set({ status, startupError: error ?? null }),
  pushNotice: (level, message) => set((s) => ({ notices: [...s.notices, { id: ++noticeId, level, message }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setEditDrop: (editDrop) => set({ editDrop }),
  takeEditDrop: () => {
    const files = get().editDrop;
    if (files) set({ editDrop: null });
    return files;
  },
});
