import { useStudio } from '../../stores/store';
import { setDemoMode } from './commands';

/** Demo mode on/off in one click, with what it means. */
export function DemoPanel() {
  const view = useStudio((s) => s.settingsView);
  if (!view) return null;
  const on = view.settings.demoMode;
  return (
    <section className="settings-card" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo mode</h2>
      <p className="hint">
        Demo mode uses a built-in simulator: no key, no cost, simulated images and videos. Its results go to a
        separate library, so they never mix with real ones.
      </p>
      <p>
        {on ? 'Demo mode is on.' : 'Demo mode is off.'} Results are saved in <code>{view.effective.libraryDir}</code>.
      </p>
      <button type="button" className={on ? '' : 'primary'} onClick={() => void setDemoMode(!on)}>
        {on ? 'Switch to real API' : 'Switch to demo mode'}
      </button>
    </section>
  );
}
