import { SECTIONS, type SectionId } from './sections';

/**
 * Where the user left off, so the app opens there again (issue 14: "opens where the user left off"). A view
 * preference of this window, kept in its own storage: nothing main needs to know or validate.
 */
const SECTION_KEY = 'imagine-studio.section';
const WELCOMED_KEY = 'imagine-studio.welcomed';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function rememberSection(section: SectionId): void {
  try {
    storage()?.setItem(SECTION_KEY, section);
  } catch {
    // Full or disabled storage: the app simply opens on its default next time.
  }
}

export function rememberedSection(): SectionId | null {
  const value = storage()?.getItem(SECTION_KEY);
  return SECTIONS.find((s) => s.id === value)?.id ?? null;
}

/** The first-run welcome was seen and closed: it does not come back by itself. */
export function markWelcomed(): void {
  try {
    storage()?.setItem(WELCOMED_KEY, '1');
  } catch {
    // As above.
  }
}

export function wasWelcomed(): boolean {
  return storage()?.getItem(WELCOMED_KEY) === '1';
}
