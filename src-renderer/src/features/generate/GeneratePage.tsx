import { EmptyState } from '../shell/EmptyState';

export function GeneratePage() {
  return (
    <EmptyState title="Generate">
      <p>Describe what you want and get a batch of images. Several prompts at once, each up to ten times, with the cost shown before you start.</p>
    </EmptyState>
  );
}
