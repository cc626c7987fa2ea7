import os from 'node:os';
import path from 'node:path';

/**
 * Where Electron's `app.getPath('userData')` points for "Imagine Studio", computed without Electron so the
 * browser host and the desktop app open the same library by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const name = 'Imagine Studio';
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', name);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), name);
}
