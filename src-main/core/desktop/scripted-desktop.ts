import type { DesktopIntegration } from './ports';

/**
 * The in-memory twin of a desktop shell, for tests: dialogs answer what the test scripted (null = cancelled) and
 * every native call is recorded instead of performed.
 */
export function createScriptedDesktop(answers: { folder?: string | null; files?: string[]; save?: string | null } = {}) {
  const calls: { method: string; args: unknown[] }[] = [];
  const record = (method: string, ...args: unknown[]) => void calls.push({ method, args });
  const desktop: DesktopIntegration = {
    capabilities: { dialogs: true, reveal: true, nativeDrag: true, nativeClipboard: true },
    chooseFolder: async (o) => (record('chooseFolder', o), answers.folder ?? null),
    chooseFiles: async (o) => (record('chooseFiles', o), answers.files ?? []),
    chooseSavePath: async (o) => (record('chooseSavePath', o), answers.save ?? null),
    reveal: (p) => record('reveal', p),
    startDrag: (w, files, icon) => record('startDrag', w, files, icon),
    copyImage: async (image) => record('copyImage', image),
  };
  return { desktop, calls, answers };
}
