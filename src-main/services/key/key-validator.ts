import type { AppError } from '@contract';
import { toAppError } from '../../core/app-error';
import type { ImagineApi } from '../../core/xai';
import { redactSecret } from '../../core/xai';
import type { MinimaxApi } from '../../core/minimax/types';
import type { StabilityApi } from '../../core/stability/types';

/** The verdict on one key after a cheap authenticated call. */
export interface KeyVerdict {
  state: 'valid' | 'invalid' | 'no-credits' | 'offline';
  message: string;
}

/** Checks a key against an API base URL. A port so the key service is tested without HTTP. */
export interface KeyValidator {
  validate(key: string, baseUrl: string, signal?: AbortSignal): Promise<KeyVerdict>;
}

/** The server's own words, without the client's generic prefix (which the verdict already says better). */
const detail = (message: string) => message.replace(/^xAI (did not accept the API key|refused the request \([^)]*\)):\s*/, '');

/** Maps the HTTP client's typed error to a verdict (xAI reports a wrong key as 400, no credits as 403: doc §9.1). */
export function verdictFromError(error: AppError): KeyVerdict {
  switch (error.kind) {
    case 'unauthorized':
      return { state: 'invalid', message: `xAI did not accept this key. Check that you copied all of it. xAI said: ${detail(error.message)}` };
    case 'forbidden':
      return { state: 'no-credits', message: `xAI accepted the key but will not run requests with it: the team has no credits, or the key is blocked. Add credits on console.x.ai. xAI said: ${detail(error.message)}` };
    case 'rate-limited':
      // A 429 comes after authentication, so the key itself is good.
      return { state: 'valid', message: 'The key works (xAI is rate-limiting right now).' };
    case 'network':
    case 'timeout':
      return { state: 'offline', message: `Could not reach xAI to check the key. ${error.message}` };
    default:
      return { state: 'offline', message: `Could not check the key: ${error.message}` };
  }
}

/**
 * Validates with `GET /image-generation-models`: authenticated, free and fast. One attempt only: the user is
 * waiting, and a retry storm would hide an offline machine.
 */
export function createImagineKeyValidator(makeApi: (baseUrl: string, getApiKey: () => Promise<string>) => ImagineApi): KeyValidator {
  return {
    async validate(key, baseUrl, signal) {
      const api = makeApi(baseUrl, async () => key);
      try {
        await api.listImageModels({ timeoutMs: 15_000, ...(signal ? { signal } : {}) });
        return { state: 'valid', message: 'The key works.' };
      } catch (err) {
        const verdict = verdictFromError(toAppError(err));
        return { ...verdict, message: redactSecret(verdict.message, key) };
      }
    },
  };
}

/** A failed check of a Stability or MiniMax key, in that provider's words (their messages name the provider). */
function providerVerdict(error: AppError, key: string, label: string, billing: string): KeyVerdict {
  const said = redactSecret(error.message, key);
  switch (error.kind) {
    case 'unauthorized':
      return { state: 'invalid', message: `${label} did not accept this key. Check that you copied all of it. ${said}` };
    case 'forbidden':
      return { state: 'no-credits', message: `${label} accepted the key, but the account cannot pay for requests. ${billing} ${said}` };
    case 'rate-limited':
      return { state: 'valid', message: `The key works (${label} is rate-limiting right now).` };
    case 'network':
    case 'timeout':
      return { state: 'offline', message: `Could not reach ${label} to check the key. ${said}` };
    default:
      return { state: 'offline', message: `Could not check the key: ${said}` };
  }
}

/** Validates with `GET /v1/user/balance` (stability-api.md §1): free, authenticated, and it says whether credits remain. */
export function createStabilityKeyValidator(makeApi: (baseUrl: string, getApiKey: () => Promise<string>) => Pick<StabilityApi, 'balance'>): KeyValidator {
  return {
    async validate(key, baseUrl, signal) {
      try {
        const credits = await makeApi(baseUrl, async () => key).balance({ timeoutMs: 15_000, ...(signal ? { signal } : {}) });
        if (credits <= 0) return { state: 'no-credits', message: 'Stability AI accepted the key, but the account has 0 credits. Buy credits at platform.stability.ai.' };
        return { state: 'valid', message: `The key works (${Math.floor(credits * 100) / 100} credits left).` };
      } catch (err) {
        return providerVerdict(toAppError(err), key, 'Stability AI', 'Buy credits at platform.stability.ai.');
      }
    },
  };
}

/**
 * MiniMax publishes no free "who am I" call, so the check asks for a task that cannot exist (`task_id=0`): the
 * gateway authenticates first (1004/2049 for a bad key), then answers "invalid params" (2013) for the task — which
 * proves the key [G: the order is the simulator's and MiniMax's documented check order, minimax-api.md §2]. A
 * balance problem (1008) only shows on a paid call.
 */
export function createMinimaxKeyValidator(makeApi: (baseUrl: string, getApiKey: () => Promise<string>) => Pick<MinimaxApi, 'pollVideo'>): KeyValidator {
  return {
    async validate(key, baseUrl, signal) {
      try {
        await makeApi(baseUrl, async () => key).pollVideo('0', { timeoutMs: 15_000, ...(signal ? { signal } : {}) });
        return { state: 'valid', message: 'The key works.' };
      } catch (err) {
        const error = toAppError(err);
        if (error.kind === 'api' && error.code === '2013') return { state: 'valid', message: 'The key works.' };
        return providerVerdict(error, key, 'MiniMax', 'Top up the balance on minimax.io.');
      }
    },
  };
}
