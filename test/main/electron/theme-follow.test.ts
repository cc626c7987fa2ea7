import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '@contract';

// Electron cannot run here; the module under test only needs ipcMain to exist at import.
vi.mock('electron', () => ({ ipcMain: { handle: () => {} } }));

describe('the Electron shell follows the theme setting', () => {
  it('passes every event on and reports each theme change', async () => {
    const { followThemeSetting } = await import('../../../src-main/shells/electron/ipc-electron');
    const seen: string[] = [];
    const themes: string[] = [];
    const sink = followThemeSetting({ emit: <E extends EventName>(event: E, _p: EventPayload<E>) => void seen.push(event) }, (t) => themes.push(t));
    sink.emit('app:notice', { level: 'info', message: 'x' });
    sink.emit('settings:changed', { settings: { theme: 'dark' } } as unknown as EventPayload<'settings:changed'>);
    expect(seen).toEqual(['app:notice', 'settings:changed']);
    expect(themes).toEqual(['dark']);
  });
});
