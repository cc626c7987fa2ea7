import { z } from 'zod';
import { Empty } from './common';
import { API_LIMITS, ImageAspectRatio, ImageQuality, ImageResolution, VIDEO_DURATIONS, VideoAspectRatio, VideoResolution, defaultModel } from './capabilities';

export const THEMES = ['system', 'light', 'dark'] as const;
export const DEFAULT_API_BASE_URL = 'https://api.x.ai/v1';

const httpUrl = z
  .string()
  .trim()
  .url('Enter a full URL, such as https://api.x.ai/v1.')
  .refine((u) => /^https?:\/\//i.test(u), 'The URL must start with http:// or https://.');

/**
 * Every user setting (defaults in SETTINGS_DEFAULTS). Stored by main (electron-store in Electron, conf in the browser host) and
 * validated with this schema on every read and write; a field that fails is reset to its default with a notice.
 * No secrets here: the API key lives in the keychain only.
 */
export const Settings = z.object({
  imageModel: z.string().trim().min(1, 'Choose an image model.').max(100),
  imageAspectRatio: ImageAspectRatio,
  imageResolution: ImageResolution,
  /** "Quality" for models that take it (2.0): Auto serves low for generations, medium for edits (updates §1 #5). */
  imageQuality: ImageQuality,
  /** Images per request (`n`), 1–10 (doc §11.1). */
  imageCount: z.number().int('Use a whole number.').min(API_LIMITS.images.min, `At least ${API_LIMITS.images.min}.`)
    .max(API_LIMITS.images.max, `At most ${API_LIMITS.images.max} per request.`),
  videoModel: z.string().trim().min(1, 'Choose a video model.').max(100),
  videoDurationSec: z.number().int('Use whole seconds.').min(VIDEO_DURATIONS.min, `At least ${VIDEO_DURATIONS.min} second.`)
    .max(VIDEO_DURATIONS.max, `At most ${VIDEO_DURATIONS.max} seconds.`),
  videoResolution: VideoResolution,
  videoAspectRatio: VideoAspectRatio,
  /** Requests in flight at once; 4 keeps clear of most rate limits. */
  concurrency: z.number().int('Use a whole number.').min(1, 'At least 1.').max(16, 'At most 16.'),
  requestTimeoutSec: z.number().int('Use whole seconds.').min(10, 'At least 10 seconds.').max(900, 'At most 900 seconds.'),
  apiBaseUrl: httpUrl,
  /** Absolute folder for real results; null = `<data folder>/library`. Demo results always go to `demo-library`. */
  libraryDir: z.string().trim().min(1).max(4096).nullable(),
  theme: z.enum(THEMES),
  notifications: z.boolean(),
  /** The desktop app looks for updates at start and every few hours (off: only when asked). */
  autoUpdateCheck: z.boolean(),
  /** Points the app at a built-in simulator: no key, no cost, simulated results in a separate library. */
  demoMode: z.boolean(),
  /** Optional spending cap in USD per session of work; null = no cap. */
  budgetCapUsd: z.number().positive('Use an amount above 0.').max(100_000).nullable(),
});
export type Settings = z.infer<typeof Settings>;

/** Every setting's default: what a first run, a reset and a repaired field get. */
export const SETTINGS_DEFAULTS: Settings = {
  imageModel: defaultModel('image'),
  imageAspectRatio: '1:1',
  imageResolution: '1k',
  imageQuality: 'auto',
  imageCount: 1,
  videoModel: defaultModel('video'),
  videoDurationSec: 8,
  videoResolution: '480p',
  videoAspectRatio: '16:9',
  concurrency: 4,
  requestTimeoutSec: 180,
  apiBaseUrl: DEFAULT_API_BASE_URL,
  libraryDir: null,
  theme: 'system',
  notifications: true,
  autoUpdateCheck: true,
  demoMode: false,
  budgetCapUsd: null,
};

/** A partial update: only the fields to change, each validated; unknown keys are refused. No defaults apply. */
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** What the app actually uses right now, derived from the settings, the shell's options and demo mode. */
export const EffectiveSettings = z.object({
  /** The API base URL in use: the simulator's in demo mode, else a command-line override or the setting. */
  apiBaseUrl: z.string(),
  /** True when `--api-base-url` / `IMAGINE_API_BASE_URL` overrides the setting. */
  apiBaseUrlOverridden: z.boolean(),
  /** The library folder in use: `<data>/demo-library` in demo mode, else the setting or `<data>/library`. */
  libraryDir: z.string(),
  demo: z.boolean(),
});
export type EffectiveSettings = z.infer<typeof EffectiveSettings>;

export const SettingsView = z.object({
  settings: Settings,
  effective: EffectiveSettings,
  /** Set when this launch had to repair the settings file: shown once the window is up (events before it are lost). */
  loadNotice: z.string().nullable(),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const settingsChannels = {
  /** The settings with defaults filled in, and what is in effect. */
  'settings:get': { input: Empty, output: SettingsView },
  /** Changes some fields; the whole result is validated before it is saved. */
  'settings:update': { input: SettingsPatch, output: SettingsView },
} as const;

export const settingsEvents = {
  /** Settings or what is in effect changed (an update, a repair, demo mode starting). */
  'settings:changed': SettingsView,
} as const;
