import { z } from 'zod';
import { Empty } from './common';

/**
 * Where the active API key comes from. `keychain`: the OS keychain (Secret Service, Keychain, Credential Manager);
 * `safe-storage`: Electron's encrypted-file fallback when no keychain answers; `environment`: `XAI_API_KEY`
 * (read-only); `memory`: a test-only store that forgets on exit (`IMAGINE_SECRET_STORE=memory`); `none`: no key.
 */
export const KeySource = z.enum(['keychain', 'safe-storage', 'environment', 'memory', 'none']);
export type KeySource = z.infer<typeof KeySource>;

/**
 * What we know about the key: `checking` while a validation call is in flight; `invalid` when xAI rejected it
 * (HTTP 400/401); `no-credits` on 403; `offline` when xAI could not be reached (the key is kept);
 * `keychain-unavailable` when the keychain could not be read or written.
 */
export const KeyState = z.enum(['not-set', 'checking', 'valid', 'invalid', 'no-credits', 'offline', 'keychain-unavailable']);
export type KeyState = z.infer<typeof KeyState>;

/** The renderer's whole view of the key. Never the key itself: only a masked hint such as `xa…yz`. */
export const KeyStatus = z.object({
  configured: z.boolean(),
  source: KeySource,
  hint: z.string().max(8).nullable(),
  state: KeyState,
  /** One plain sentence for the user about the state (never contains the key). */
  message: z.string(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

/** What `key:set` did with the pasted key, plus the resulting status. */
export const KeySetResult = z.object({
  /** False when the key was refused (invalid, keychain unavailable, or the environment key wins). */
  stored: z.boolean(),
  /** The verdict on the pasted key itself. */
  outcome: KeyState,
  message: z.string(),
  status: KeyStatus,
});
export type KeySetResult = z.infer<typeof KeySetResult>;

/** A pasted key: trimmed, one token, bounded. The only payload that ever carries a key, renderer → main. */
export const KeyInput = z
  .object({ key: z.string().trim().min(1, 'Paste your API key.').max(512, 'That is too long to be an API key.').regex(/^\S+$/, 'An API key has no spaces.') })
  .strict();

export const keyChannels = {
  /** The key's source, masked hint and last known state. */
  'key:status': { input: Empty, output: KeyStatus },
  /** Validates the pasted key against xAI, stores it unless it was rejected as invalid, and says what happened. */
  'key:set': { input: KeyInput, output: KeySetResult },
  /** Forgets the stored key (the environment key, if any, stays in effect). */
  'key:remove': { input: Empty, output: KeyStatus },
  /** Checks the active key again with a cheap authenticated call. */
  'key:validate': { input: Empty, output: KeyStatus },
} as const;

export const keyEvents = {
  /** The key's status changed (set, removed, validated, forgotten). */
  'key:changed': KeyStatus,
} as const;
