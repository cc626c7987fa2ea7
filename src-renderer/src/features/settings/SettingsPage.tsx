import { EmptyState } from '../shell/EmptyState';

export function SettingsPage() {
  return (
    <EmptyState title="Settings">
      <p>Your xAI API key (kept in the system keychain), defaults for new work, and where your library lives.</p>
    </EmptyState>
  );
}
