import type { AppInfo } from '@contract';
import type { StateCreator } from 'zustand';
import type { SectionId } from './sections';
import type { StudioState } from './store';

/** App-wide state: which section is open, facts from main, and whether bootstrap finished. */
export interface AppSlice {
  section: SectionId;
  info: AppInfo | null;
  status: 'starting' | 'ready' | 'failed';
  startupError: string | null;
  notices: { id: number; level: 'info' | 'warning' | 'error'; message: string }[];
  setSection(section: SectionId): void;
  setInfo(info: AppInfo): void;
  setStatus(status: AppSlice['status'], error?: string): void;
  pushNotice(level: AppSlice['notices'][number]['level'], message: string): void;
  dismissNotice(id: number): void;
}

let noticeId = 0;

export const createAppSlice: StateCreator<StudioState, [], [], AppSlice> = (set) => ({
  section: 'generate',
  info: null,
  status: 'starting',
  startupError: null,
  notices: [],
  setSection: (section) => set({ section }),
  setInfo: (info) => set({ info }),
  setStatus: (status, error) => set({ status, startupError: error ?? null }),
  pushNotice: (level, message) => set((s) => ({ notices: [...s.notices, { id: ++noticeId, level, message }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
