import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../stores/store';

/** How long an informational notice stays (paused while the notices are hovered or hold the focus). */
export const NOTICE_MS = 6000;
/** Notices shown at once; older ones fold into "N more". */
export const VISIBLE_NOTICES = 3;

type Notice = ReturnType<typeof useStudio.getState>['notices'][number];

/**
 * Notices from anywhere (repairs, warnings, "Video ready"), announced politely to screen readers. Informational
 * ones go by themselves after NOTICE_MS; warnings and errors stay until dismissed. At most VISIBLE_NOTICES show, the
 * newest last; the rest fold into "N more", which unfolds them.
 */
export function NoticeList() {
  const notices = useStudio((s) => s.notices);
  const dismiss = useStudio((s) => s.dismissNotice);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const folded = expanded ? 0 : Math.max(0, notices.length - VISIBLE_NOTICES);
  const shown = notices.slice(folded);
  return (
    <div
      className="notices"
      role="status"
      aria-live="polite"
      aria-label="Notices"
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      {folded > 0 && (
        <button type="button" className="notice-more" aria-expanded={false} onClick={() => setExpanded(true)}>
          {folded} more
        </button>
      )}
      {expanded && notices.length > VISIBLE_NOTICES && (
        <button type="button" className="notice-more" aria-expanded onClick={() => setExpanded(false)}>
          Show fewer
        </button>
      )}
      {shown.map((n) => (
        <NoticeItem key={n.id} notice={n} paused={hovered || focused} onDismiss={() => dismiss(n.id)} />
      ))}
    </div>
  );
}

/** One notice; an informational one counts down its remaining time while not paused. */
function NoticeItem(props: { notice: Notice; paused: boolean; onDismiss(): void }) {
  const { notice, paused, onDismiss } = props;
  const remaining = useRef(NOTICE_MS);
  const dismissRef = useRef(onDismiss);
  useEffect(() => {
    dismissRef.current = onDismiss;
  });
  useEffect(() => {
    if (notice.level !== 'info' || paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissRef.current(), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(0, remaining.current - (Date.now() - started));
    };
  }, [notice.level, paused]);
  return (
    <div className={`notice notice-${notice.level}`}>
      <span>{notice.message}</span>
      <button type="button" aria-label="Dismiss notice" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
