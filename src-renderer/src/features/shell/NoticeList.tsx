import { useStudio } from '../../stores/store';

/** Notices from main (repairs, warnings), announced politely to screen readers. */
export function NoticeList() {
  const notices = useStudio((s) => s.notices);
  const dismiss = useStudio((s) => s.dismissNotice);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`}>
          <span>{n.message}</span>
          <button type="button" aria-label="Dismiss notice" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
