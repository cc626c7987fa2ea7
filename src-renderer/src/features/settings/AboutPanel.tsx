import type { ReactNode } from 'react';
import { useStudio } from '../../stores/store';

function Row(props: { label: string; children: ReactNode }) {
  return (
    <div className="about-row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** Versions and where things live, from app:info and settings:get. */
export function AboutPanel() {
  const info = useStudio((s) => s.info);
  const view = useStudio((s) => s.settingsView);
  if (!info) return null;
  return (
    <section className="settings-card" aria-labelledby="about-heading">
      <h2 id="about-heading">About</h2>
      <dl className="about-list">
        <Row label="Version">
          {info.name} {info.version} ({info.shell === 'electron' ? 'desktop' : 'browser host'}, {info.platform})
        </Row>
        {Object.entries(info.versions).map(([name, version]) => (
          <Row key={name} label={name}>{version}</Row>
        ))}
        <Row label="Data folder"><code>{info.dataDir}</code></Row>
        <Row label="Library folder in use"><code>{view?.effective.libraryDir ?? info.libraryDir}</code></Row>
        <Row label="API base URL in use"><code>{view?.effective.apiBaseUrl ?? '—'}</code></Row>
      </dl>
    </section>
  );
}
