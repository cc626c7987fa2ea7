import { useStudio } from '../../stores/store';

/** Shows which shell serves the app, so a browser-host session is never mistaken for the desktop app. */
export function DemoBadge() {
  const info = useStudio((s) => s.info);
  if (!info) return null;
  return (
    <p className="shell-badge">
      {info.shell === 'browser-host' ? 'Browser host' : 'Desktop'} · v{info.version}
    </p>
  );
}
