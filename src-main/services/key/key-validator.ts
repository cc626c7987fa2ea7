import type { AppError } from '@contract';
import { toAppError } from '../../core/app-error';
import type { ImagineApi } from '../../core/xai';
import { redactSecret } from '../../core/xai';

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
