import type { ChannelOutput } from '@contract';
import { fail } from '../../core/app-error';
import type { MainSettingsPatch as SettingsPatch } from '../settings/settings-service';

type SettingsView = ChannelOutput<'settings:get'>;

/**
 * Wraps `settings:update` so a change of library folder (demo mode on/off, or a new library location) opens the
 * library in effect, and is refused while generation or video jobs are in flight: their results belong to the
 * library they were started in, and demo results must never land among paid ones (or the other way round).
 */
export function guardLibrarySwitch(deps: {
  update(patch: SettingsPatch): Promise<SettingsView> | SettingsView;
  current(): SettingsView;
  /** Jobs queued, running or still being followed (video). */
  busy(): number;
  switchTo(dir: string): Promise<void>;
  /** Background work of the library in effect to stop before it changes (demo mode's samples); awaited. */
  beforeSwitch?(): Promise<void>;
}) {
  return async (patch: SettingsPatch): Promise<SettingsView> => {
    const before = deps.current();
    const touchesDemo = patch.demoMode !== undefined && patch.demoMode !== before.settings.demoMode;
    const touchesFolder = patch.libraryDir !== undefined && patch.libraryDir !== before.settings.libraryDir;
    const busy = touchesDemo || touchesFolder ? deps.busy() : 0;
    if (busy > 0) {
      const what = touchesDemo ? 'demo mode' : 'the library folder';
      const message = `${busy} generation or video ${busy === 1 ? 'job is' : 'jobs are'} still running. Let them finish or cancel them before switching ${what}: their results belong to the library they were started in.`;
      fail({ kind: 'validation', message, issues: [{ path: touchesDemo ? 'demoMode' : 'libraryDir', message }] });
    }
    if (touchesDemo || touchesFolder) await deps.beforeSwitch?.();
    const after = await deps.update(patch);
    const dir = after.effective.libraryDir;
    if (dir === before.effective.libraryDir) return after;
    try {
      await deps.switchTo(dir);
    } catch (err) {
      // Put the settings back: a saved folder that cannot be opened (a file, no permission) would stop the next start.
      await deps.update({ libraryDir: before.settings.libraryDir, demoMode: before.settings.demoMode });
      const code = err instanceof Error && 'code' in err ? ` (${String(err.code)})` : '';
      const message = `The library folder ${dir} cannot be opened${code}. Choose a folder you can write to.`;
      fail({ kind: 'validation', message, issues: [{ path: touchesDemo ? 'demoMode' : 'libraryDir', message }] });
    }
    return after;
  };
}
