import { useRef, type KeyboardEvent } from 'react';
import { SECTIONS, type SectionId } from '../../stores/sections';
import { useStudio, type StudioState } from '../../stores/store';
import { DemoBadge } from './DemoBadge';
import { MOD_KEY } from './shortcuts';

const VIDEO_ACTIVE = new Set(['submitting', 'pending', 'downloading']);

/** Work still running per section, so the navigation shows it from any screen. */
export function runningIn(s: StudioState, section: SectionId): number {
  switch (section) {
    case 'generate':
      return s.batches.reduce((n, b) => n + b.jobs.filter((j) => j.state === 'queued' || j.state === 'running').length, 0);
    case 'video':
      return s.video.jobs.filter((j) => VIDEO_ACTIVE.has(j.state)).length;
    case 'library': {
      const importing = s.library.importing;
      return importing?.state === 'running' ? Math.max(0, importing.total - importing.done) : 0;
    }
    default:
      return 0;
  }
}

/** The visible pill; the words for screen readers are the tab's description (see `RunningText`). */
function RunningBadge({ section }: { section: SectionId }) {
  const running = useStudio((s) => runningIn(s, section));
  if (running === 0) return null;
  return (
    <span className="tab-running" aria-hidden="true" title={`${running} ${section === 'library' ? 'importing' : 'running'}`}>
      <span className="tab-running-dot" />
      {running}
    </span>
  );
}

function RunningText({ section }: { section: SectionId }) {
  const running = useStudio((s) => runningIn(s, section));
  return (
    <span id={`tab-${section}-running`} className="sr-only">
      {running > 0 ? `${running} ${section === 'library' ? 'importing' : 'running'}` : ''}
    </span>
  );
}

/**
 * Vertical tabs for the five sections. Arrow keys move and open (roving tabindex), Home/End jump to the ends,
 * Ctrl/Cmd+1…5 work from anywhere (see App). A tab shows how much work is still running in its section.
 */
export function Navigation() {
  const section = useStudio((s) => s.section);
  const setSection = useStudio((s) => s.setSection);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = SECTIONS.findIndex((s) => s.id === section);
    const last = SECTIONS.length - 1;
    const next =
      e.key === 'ArrowDown' ? (current === last ? 0 : current + 1)
      : e.key === 'ArrowUp' ? (current === 0 ? last : current - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : null;
    if (next === null) return;
    e.preventDefault();
    const target = SECTIONS[next];
    if (!target) return;
    setSection(target.id);
    refs.current[next]?.focus();
  };

  return (
    <nav className="nav" aria-label="Imagine Studio">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">✦</span> Imagine Studio
      </div>
      <div role="tablist" aria-orientation="vertical" aria-label="Sections" onKeyDown={move} className="tabs">
        {SECTIONS.map((s, i) => (
          <button
            key={s.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`tab-${s.id}`}
            aria-selected={section === s.id}
            aria-controls={`panel-${s.id}`}
            aria-keyshortcuts={`Control+${s.shortcut} Meta+${s.shortcut}`}
            aria-describedby={`tab-${s.id}-running`}
            tabIndex={section === s.id ? 0 : -1}
            className="tab"
            title={`${s.label} (${MOD_KEY}+${s.shortcut})`}
            onClick={() => setSection(s.id)}
          >
            <span className="tab-label">{s.label}</span>
            <RunningBadge section={s.id} />
            <kbd aria-hidden="true">{s.shortcut}</kbd>
          </button>
        ))}
      </div>
      {SECTIONS.map((s) => (
        <RunningText key={s.id} section={s.id} />
      ))}
      <DemoBadge />
    </nav>
  );
}
