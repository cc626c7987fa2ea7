/**
 * Where the command's paid requests go, and with which key: the browser host's rules. The base URL comes from
 * `--api-base-url`/`IMAGINE_API_BASE_URL` (checked like the host checks it: https, or http to loopback only), else
 * xAI's; the key from `XAI_API_KEY`, else the OS keychain entry the app saved.
 */
import { DEFAULT_API_BASE_URL } from '@contract';
import { KeytarSecretStore } from '../adapters/secrets';
import { fail } from '../core/app-error';
import { KEY_ACCOUNT } from '../core/secrets/secret-store';
import { parseApiBaseUrl } from '../core/xai/api-origin';
import { validationError } from '../core/xai';

export function apiBaseUrl(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_API_BASE_URL;
  const parsed = parseApiBaseUrl(raw);
  if (!parsed.ok) return fail(validationError([{ path: 'apiBaseUrl', message: `--api-base-url ${raw} refused: ${parsed.reason}` }]));
  if (parsed.origin !== new URL(DEFAULT_API_BASE_URL).origin) process.stderr.write(`Your xAI API key will be sent to ${parsed.origin}.\n`);
  return parsed.url;
}

export async function cliApiKey(): Promise<string | null> {
  const env = process.env.XAI_API_KEY?.trim();
  if (env) return env;
  return new KeytarSecretStore().get(KEY_ACCOUNT);
}
