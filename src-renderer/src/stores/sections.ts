/** The app's five sections, in navigation order. */
export const SECTIONS = [
  { id: 'generate', label: 'Generate', shortcut: '1' },
  { id: 'edit', label: 'Edit', shortcut: '2' },
  { id: 'video', label: 'Video', shortcut: '3' },
  { id: 'library', label: 'Library', shortcut: '4' },
  { id: 'settings', label: 'Settings', shortcut: '5' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];
