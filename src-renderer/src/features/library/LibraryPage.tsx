import { EmptyState } from '../shell/EmptyState';

export function LibraryPage() {
  return (
    <EmptyState title="Library">
      <p>Everything you make is kept here, on this computer: searchable offline, with the prompt, cost and lineage of every item.</p>
    </EmptyState>
  );
}
