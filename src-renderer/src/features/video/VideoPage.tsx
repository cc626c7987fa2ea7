import { EmptyState } from '../shell/EmptyState';

export function VideoPage() {
  return (
    <EmptyState title="Video">
      <p>Turn text or a still into a video, then edit or extend it. Jobs keep running across restarts.</p>
    </EmptyState>
  );
}
