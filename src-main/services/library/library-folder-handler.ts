import type { ChannelInput, SettingsView } from '@contract';
import { fail } from '../../core/app-error';
import type { PathGrants } from '../../core/desktop/path-grants';
import type { FolderVerdict } from '../../adapters/library/library-folder';
import type { MainSettingsPatch } from '../settings/settings-service';

/**
 * `settings:library-folder`: the page hands back a grant from main's native folder dialog (never a path), main
 * judges the folder (empty, or already a library) and only then moves the library there. Nothing is created in
 * a refused folder. `null` goes back to the default folder inside the data folder.
 */
export function createLibraryFolderHandler(deps: {
  grants: PathGrants;
  judge(dir: string): FolderVerdict;
  /** The guarded settings update (refuses while jobs run, opens the new library, puts the setting back on failure). */
  update(patch: MainSettingsPatch): Promise<SettingsView>;
  current(): SettingsView;
}) {
  const refuse = (message: string): never => fail({ kind: 'validation', message, issues: [{ path: 'libraryDir', message }] });
  return async ({ folder }: ChannelInput<'settings:library-folder'>): Promise<SettingsView> => {
    if (deps.current().effective.libraryDirOverridden) refuse('The library folder was set when the app was started (--library-dir); restart without it to change it here.');
    if (folder === null) return deps.update({ libraryDir: null });
    const dir = deps.grants.take(folder, 'library-folder') ?? refuse('That folder choice has expired. Choose the folder again.');
    const verdict = deps.judge(dir);
    if (!verdict.ok) return refuse(verdict.reason);
    return deps.update({ libraryDir: verdict.dir });
  };
}
