import { z } from 'zod';
import { Empty } from './common';
import { API_LIMITS, ImageAspectRatio, ImageQuality, ImageResolution, RATE_TIER_COUNT, VIDEO_DURATIONS, VideoAspectRatio, VideoResolution, defaultModel, defaultTextModel } from './capabilities';
import { PathToken } from './library';

export const THEMES = ['system', 'light', 'dark'] as const;
/** Where the key goes unless the user started the app with another address (`--api-base-url`) and confirmed it. */
export const DEFAULT_API_BASE_URL = 'https://api.x.ai/v1';

/**
 * Every user setting (defaults in SETTINGS_DEFAULTS). Stored by main (electron-store in Electron, conf in the browser host) and
 * validated with this schema on every read and write; a field that fails is reset to its default with a notice.
 * No secrets here: the API key lives in the keychain only. No address either: where the key is sent is main's
 * decision (the command line, a confirmation outside the window), never a setting the page can write.
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
  /** The Grok chat model "Enhance prompt" asks (capability table `textModels`); the cheapest by default. */
  enhanceModel: z.string().trim().min(1, 'Choose a text model.').max(100),
  /** Requests in flight at once; 4 keeps clear of most rate limits. */
  concurrency: z.number().int('Use a whole number.').min(1, 'At least 1.').max(16, 'At most 16.'),
  /**
   * The team's xAI usage tier (0 = first): requests are paced to the capability table's published requests/second
   * of each model at this tier, so a big batch meets no 429s. Higher tiers come with spend (updates §4).
   */
  rateTier: z.number().int('Choose a tier.').min(0).max(RATE_TIER_COUNT - 1),
  requestTimeoutSec: z.number().int('Use whole seconds.').min(10, 'At least 10 seconds.').max(900, 'At most 900 seconds.'),
  /**
   * Absolute folder for real results; null = `<data folder>/library`. Demo results always go to `demo-library`.
   * Read-only for the page: only `settings:library-folder` with a folder grant from main's native dialog sets it.
   */
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
  enhanceModel: defaultTextModel(),
  concurrency: 4,
  rateTier: 0,
  requestTimeoutSec: 180,
  libraryDir: null,
  theme: 'system',
  notifications: true,
  autoUpdateCheck: true,
  demoMode: false,
  budgetCapUsd: null,
};

/**
 * A partial update from the page: only the fields to change, each validated; unknown keys are refused, and so is
 * `libraryDir` (it opens the disk: main sets it from a native dialog's grant). No defaults apply.
 */
export const SettingsPatch = Settings.omit({ libraryDir: true }).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** What the app actually uses right now, derived from the settings, the shell's options and demo mode. */
export const EffectiveSettings = z.object({
  /** The API base URL in use: the simulator's in demo mode, else a confirmed start-up address or xAI's. */
  apiBaseUrl: z.string(),
  /** True when the user started the app with `--api-base-url` / `IMAGINE_API_BASE_URL` (and confirmed it). */
  apiBaseUrlOverridden: z.boolean(),
  /** The library folder in use: `<data>/demo-library` in demo mode, else `--library-dir`, the setting or `<data>/library`. */
  libraryDir: z.string(),
  /** True when the browser host was started with `--library-dir` (the folder cannot be changed from the page). */
  libraryDirOverridden: z.boolean(),
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
  /**
   * Moves the library to the folder behind a grant from `desktop:choose-folder` (`purpose: 'library'`), or back to
   * the default (`null`). A folder that is neither empty nor an Imagine Studio library is refused with the reason.
   */
  'settings:library-folder': { input: z.object({ folder: PathToken.nullable() }).strict(), output: SettingsView },
} as const;

export const settingsEvents = {
  /** Settings or what is in effect changed (an update, a repair, demo mode starting). */
  'settings:changed': SettingsView,
} as const;
