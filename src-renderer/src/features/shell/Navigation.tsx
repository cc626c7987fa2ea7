import { useRef, type KeyboardEvent } from 'react';
import { SECTIONS } from '../../stores/sections';
import { useStudio } from '../../stores/store';
import { DemoBadge } from './DemoBadge';

/**
 * Vertical tabs for the five sections. Arrow keys move and open (roving tabindex), Home/End jump to the ends,
 * Ctrl/Cmd+1…5 work from anywhere (see App).
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
            tabIndex={section === s.id ? 0 : -1}
            className="tab"
            title={`${s.label} (Ctrl+${s.shortcut})`}
            onClick={() => setSection(s.id)}
          >
            {s.label}
            <kbd aria-hidden="true">{s.shortcut}</kbd>
          </button>
        ))}
      </div>
      <DemoBadge />
    </nav>
  );
}
