import { z } from 'zod';
import { ProviderIdSchema, type ProviderId } from './capabilities';

/** A provider whose key the vault holds: one keychain account each, in the same service (issue 18 §5). */
export const KeyProvider = ProviderIdSchema;

/**
 * What the app shows and where it files each provider's key: the keychain account (service `imagine-studio`), the
 * environment variable honoured read-only, and where people create a key. Documented in the README.
 */
export const KEY_PROVIDERS: Record<ProviderId, { label: string; account: string; envVar: string; consoleUrl: string; consoleName: string }> = {
  xai: { label: 'xAI', account: 'xai-api-key', envVar: 'XAI_API_KEY', consoleUrl: 'https://console.x.ai', consoleName: 'console.x.ai' },
  stability: {
    label: 'Stability AI', account: 'stability-api-key', envVar: 'STABILITY_API_KEY',
    consoleUrl: 'https://platform.stability.ai/account/keys', consoleName: 'platform.stability.ai',
  },
  minimax: {
    label: 'MiniMax', account: 'minimax-api-key', envVar: 'MINIMAX_API_KEY',
    consoleUrl: 'https://www.minimax.io/platform/user-center/basic-information/interface-key', consoleName: 'minimax.io',
  },
};

/**
 * Where the active API key comes from. `keychain`: the OS keychain (Secret Service, Keychain, Credential Manager);
 * `safe-storage`: Electron's encrypted-file fallback when no keychain answers; `environment`: `XAI_API_KEY`,
 * `STABILITY_API_KEY` or `MINIMAX_API_KEY` (read-only); `memory`: a test-only store that forgets on exit (`IMAGINE_SECRET_STORE=memory`); `none`: no key.
 */
export const KeySource = z.enum(['keychain', 'safe-storage', 'environment', 'memory', 'none']);
export type KeySource = z.infer<typeof KeySource>;

/**
 * What we know about the key: `checking` while a validation call is in flight; `invalid` when the provider rejected
 * it (xAI HTTP 400/401, Stability 401, MiniMax 1004/2049); `no-credits` (xAI 403, Stability 0 credits, MiniMax 1008); `offline` when the provider could not be reached (the key is kept);
 * `keychain-unavailable` when the keychain could not be read or written.
 */
export const KeyState = z.enum(['not-set', 'checking', 'valid', 'invalid', 'no-credits', 'offline', 'keychain-unavailable']);
export type KeyState = z.infer<typeof KeyState>;

/** The renderer's whole view of the key. Never the key itself: only a masked hint such as `xa…yz`. */
export const KeyStatus = z.object({
  /** Whose key this is (xAI unless said otherwise). */
  provider: KeyProvider,
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
  .object({ provider: KeyProvider.default('xai'), key: z.string().trim().min(1, 'Paste your API key.').max(512, 'That is too long to be an API key.').regex(/^\S+$/, 'An API key has no spaces.') })
  .strict();

/** Which provider's key a key channel is about; xAI when absent. */
export const KeyTarget = z.object({ provider: KeyProvider.default('xai') }).strict();

export const keyChannels = {
  /** The key's source, masked hint and last known state. */
  'key:status': { input: KeyTarget, output: KeyStatus },
  /** Validates the pasted key against xAI, stores it unless it was rejected as invalid, and says what happened. */
  'key:set': { input: KeyInput, output: KeySetResult },
  /** Forgets the stored key (the environment key, if any, stays in effect). */
  'key:remove': { input: KeyTarget, output: KeyStatus },
  /** Checks the active key again with a cheap authenticated call. */
  'key:validate': { input: KeyTarget, output: KeyStatus },
} as const;

export const keyEvents = {
  /** The key's status changed (set, removed, validated, forgotten). */
  'key:changed': KeyStatus,
} as const;
