import { EmptyState } from '../shell/EmptyState';

export function EditPage() {
  return (
    <EmptyState title="Edit">
      <p>Drop up to three images here and describe the change in words. Results keep a link to their sources.</p>
    </EmptyState>
  );
}
