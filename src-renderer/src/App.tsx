import { useEffect } from 'react';
import { finishWelcome, OnboardingPage } from './features/onboarding/OnboardingPage';
import { DemoModeBadge } from './features/settings/DemoModeBadge';
import { ConnectionBanner } from './features/shell/ConnectionBanner';
import { DropOverlay } from './features/shell/DropOverlay';
import { Navigation } from './features/shell/Navigation';
import { NoticeList } from './features/shell/NoticeList';
import { SectionAnnouncer, SectionPanel } from './features/shell/SectionPanel';
import { ShortcutsHost } from './features/shell/ShortcutsOverlay';
import { useTheme } from './features/shell/theme';
import { useWindowTitle } from './features/shell/window-title';
import { UpdatePrompt } from './features/updates/UpdatePrompt';
import { ViewerHost } from './features/viewer/Viewer';
import { SECTIONS } from './stores/sections';
import { useStudio } from './stores/store';

/** The window: navigation on the left, the open section on the right, notices and the connection on top. */
export function App() {
  const status = useStudio((s) => s.status);
  const startupError = useStudio((s) => s.startupError);
  const setSection = useStudio((s) => s.setSection);
  const onboarding = useStudio((s) => s.onboardingOpen);
  useTheme();
  useWindowTitle();

  useEffect(() => {
    // Ctrl/Cmd+1…5 jump to a section from anywhere; the focus follows into it (see SectionPanel).
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const section = SECTIONS.find((s) => s.shortcut === e.key);
      if (section) {
        e.preventDefault();
        // The first-run welcome is no lock: a section shortcut leaves it for that section.
        if (useStudio.getState().onboardingOpen) finishWelcome(section.id);
        else setSection(section.id, { focus: true });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setSection]);

  if (status === 'failed') {
    return (
      <main className="startup-error" role="alert">
        <h1>Imagine Studio could not start</h1>
        <p>{startupError}</p>
      </main>
    );
  }
  if (onboarding) {
    return (
      <>
        <ConnectionBanner />
        <OnboardingPage />
        <NoticeList />
      </>
    );
  }
  return (
    <div className="app" aria-busy={status === 'starting'}>
      <ConnectionBanner />
      <UpdatePrompt />
      <Navigation />
      <DemoModeBadge />
      <SectionPanel />
      <SectionAnnouncer />
      <NoticeList />
      <ShortcutsHost />
      <DropOverlay />
      <ViewerHost />
    </div>
  );
}
