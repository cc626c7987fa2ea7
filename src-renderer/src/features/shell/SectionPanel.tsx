import type { ComponentType } from 'react';
import { EditPage } from '../edit/EditPage';
import { GeneratePage } from '../generate/GeneratePage';
import { LibraryPage } from '../library/LibraryPage';
import { SettingsPage } from '../settings/SettingsPage';
import { VideoPage } from '../video/VideoPage';
import type { SectionId } from '../../stores/sections';
import { useStudio } from '../../stores/store';

const PAGES: Record<SectionId, ComponentType> = {
  generate: GeneratePage,
  edit: EditPage,
  video: VideoPage,
  library: LibraryPage,
  settings: SettingsPage,
};

/** The open section, as the tab panel of the navigation. */
export function SectionPanel() {
  const section = useStudio((s) => s.section);
  const Page = PAGES[section];
  return (
    <main className="panel" role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`}>
      <Page />
    </main>
  );
}
