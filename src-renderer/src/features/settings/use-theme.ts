/** The theme setting is applied by the shell (light/dark/system, following the OS live); kept for old imports. */
export { useTheme as useThemeSetting } from '../shell/theme';
