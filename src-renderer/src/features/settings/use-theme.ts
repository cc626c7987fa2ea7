import { useEffect } from 'react';
import { useStudio } from '../../stores/store';

/**
 * Applies the theme setting: `system` leaves the OS preference (prefers-color-scheme) in charge; light/dark set
 * `data-theme` on <html>, which the stylesheet's token overrides key on.
 */
export function useThemeSetting() {
  const theme = useStudio((s) => s.settingsView?.settings.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
