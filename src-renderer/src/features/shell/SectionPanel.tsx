import { useEffect, useRef, useState, type ComponentType } from 'react';
import { EditPage } from '../edit/EditPage';
import { GeneratePage } from '../generate/GeneratePage';
import { LibraryPage } from '../library/LibraryPage';
import { SettingsPage } from '../settings/SettingsPage';
import { VideoPage } from '../video/VideoPage';
import { SECTIONS, type SectionId } from '../../stores/sections';
import { useStudio } from '../../stores/store';

const PAGES: Record<SectionId, ComponentType> = {
  generate: GeneratePage,
  edit: EditPage,
  video: VideoPage,
  library: LibraryPage,
  settings: SettingsPage,
};

/** Where the focus lands in a section opened from elsewhere: its heading, else its first field. */
export function focusSection(panel: HTMLElement): boolean {
  const heading = panel.querySelector<HTMLElement>('h1');
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
    return document.activeElement === heading;
  }
  const field = panel.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea, select, button:not([disabled])');
  field?.focus();
  return field !== null && document.activeElement === field;
}

/**
 * The open section, as the tab panel of the navigation, inside the page's one `main` landmark (a `main` given the
 * tabpanel role would be no landmark at all).
 */
export function SectionPanel() {
  const section = useStudio((s) => s.section);
  const focusRequest = useStudio((s) => s.sectionFocusRequest);
  const ref = useRef<HTMLElement>(null);
  const handled = useRef(focusRequest);
  const Page = PAGES[section];

  useEffect(() => {
    if (focusRequest === handled.current) return;
    handled.current = focusRequest;
    const panel = ref.current;
    if (!panel) return;
    // Pages render their heading at once; a frame later covers one that waits for a state update.
    if (!focusSection(panel)) requestAnimationFrame(() => ref.current && focusSection(ref.current));
  }, [focusRequest, section]);

  return (
    <main ref={ref} className="panel">
      <div className="panel-tab" role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`}>
        <Page />
      </div>
    </main>
  );
}

/** Says which section opened, for screen readers (the focus may land on a heading that says it too). */
export function SectionAnnouncer() {
  const section = useStudio((s) => s.section);
  const [message, setMessage] = useState('');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const label = SECTIONS.find((s) => s.id === section)?.label ?? section;
    setMessage(`${label} section`);
  }, [section]);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="section-announcer">
      {message}
    </div>
  );
}
