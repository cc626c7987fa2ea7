import type { ReactNode } from 'react';
import { useStudio } from '../../stores/store';
import { checkForUpdates, describeUpdate } from '../updates/updates';
import { SettingField } from './SettingField';

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
  const update = useStudio((s) => s.updateStatus);
  if (!info) return null;
  const updater = update !== null && update.state !== 'unavailable';
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
        <Row label="Updates">
          <span id="about-updates">{update ? describeUpdate(update, info.version) : '—'}</span>
        </Row>
      </dl>
      {updater && (
        <div className="about-updates">
          <button type="button" onClick={() => void checkForUpdates()} disabled={update.state === 'checking' || update.state === 'downloading'} aria-describedby="about-updates">
            Check for updates
          </button>
          <SettingField field="autoUpdateCheck" label="Check for updates automatically" kind={{ type: 'checkbox' }} />
        </div>
      )}
    </section>
  );
}
