import { useEffect } from 'react';
import { useStudio } from '../../stores/store';

export type ThemeSetting = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(setting: ThemeSetting, prefersDark: boolean): Theme {
  return setting === 'system' ? (prefersDark ? 'dark' : 'light') : setting;
}

/**
 * Writes the theme on <html>: `data-theme` is always the resolved light/dark (the stylesheet's tokens key on it),
 * `data-theme-setting` what the user chose. Before the first call the stylesheet follows the OS on its own.
 */
export function applyTheme(root: HTMLElement, setting: ThemeSetting, prefersDark: boolean): Theme {
  const theme = resolveTheme(setting, prefersDark);
  root.dataset.theme = theme;
  root.dataset.themeSetting = setting;
  return theme;
}

/** Applies the `theme` setting, and while it is `system` follows the OS preference live. */
export function useTheme(): void {
  const setting = useStudio((s) => s.settingsView?.settings.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
    const apply = () => applyTheme(root, setting, media?.matches ?? false);
    apply();
    if (!media || setting !== 'system') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [setting]);
}
