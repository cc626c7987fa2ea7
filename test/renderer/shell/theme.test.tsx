import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SettingsView } from '@contract';
import { applyTheme, resolveTheme, useTheme } from '../../../src-renderer/src/features/shell/theme';
import { useStudio } from '../../../src-renderer/src/stores/store';

/** A matchMedia whose `prefers-color-scheme: dark` answer the test flips, telling listeners like the OS would. */
function fakeMedia(dark: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  vi.stubGlobal('matchMedia', () => media);
  return {
    listeners,
    set(next: boolean) {
      dark = next;
      for (const l of listeners) l();
    },
  };
}

function setTheme(theme: 'system' | 'light' | 'dark') {
  const view = { settings: { theme } } as unknown as SettingsView;
  act(() => useStudio.setState({ settingsView: view }));
}

function Probe() {
  useTheme();
  return null;
}

describe('the theme', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    delete document.documentElement.dataset.theme;
    useStudio.setState({ settingsView: null });
  });

  it('resolves system from the OS and keeps a forced choice', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    const el = document.createElement('div');
    applyTheme(el, 'system', true);
    expect(el.dataset).toMatchObject({ theme: 'dark', themeSetting: 'system' });
  });

  it('follows the OS live while the setting is system, and stops following once forced', () => {
    const os = fakeMedia(false);
    setTheme('system');
    render(<Probe />);
    const html = document.documentElement;
    expect(html.dataset.theme).toBe('light');
    act(() => os.set(true));
    expect(html.dataset.theme).toBe('dark');
    setTheme('light');
    expect(html.dataset.theme).toBe('light');
    expect(html.dataset.themeSetting).toBe('light');
    expect(os.listeners.size).toBe(0);
    act(() => os.set(false));
    setTheme('dark');
    expect(html.dataset.theme).toBe('dark');
    setTheme('system');
    expect(html.dataset.theme).toBe('light');
  });
});
