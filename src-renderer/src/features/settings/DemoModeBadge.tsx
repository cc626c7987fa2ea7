import { useStudio } from '../../stores/store';
import { setDemoMode } from './commands';

/** Always visible in demo mode, so simulated results are never mistaken for real ones; one click back to real. */
export function DemoModeBadge() {
  const demo = useStudio((s) => s.settingsView?.settings.demoMode ?? false);
  if (!demo) return null;
  return (
    <aside className="demo-badge" aria-label="Demo mode">
      <strong>Demo — simulated results</strong>
      <button type="button" onClick={() => void setDemoMode(false)}>
        Switch to real API
      </button>
    </aside>
  );
}
