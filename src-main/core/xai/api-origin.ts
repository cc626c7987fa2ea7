/**
 * Where the API key may go. The renderer never names an address: the base URL is xAI's, the demo simulator's, or
 * one the user gave at start (`--api-base-url` / `IMAGINE_API_BASE_URL`) and confirmed outside the window. Even
 * then only https, or plain http to this machine (a simulator or a local proxy), and never a URL whose query,
 * fragment or user-info could bend where the request lands (`https://api.x.ai@evil/`, `https://evil/?`). Pure.
 */
import { DEFAULT_API_BASE_URL } from '@contract';

export type ParsedApiBaseUrl = { ok: true; url: string; origin: string } | { ok: false; reason: string };

/** Names that always resolve to this machine (`localhost` is left out: /etc/hosts may point it anywhere). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** True when a request with the key may go to `url`: https anywhere, http only to loopback, never with user-info. */
export function keyMayGoTo(url: URL): boolean {
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** Checks a start-up address and gives its normalised form (no trailing slash) and origin, or why it is refused. */
export function parseApiBaseUrl(raw: string): ParsedApiBaseUrl {
  const text = raw.trim();
  // Refused on the raw text, before URL parsing can hide them: each one changes what the path means or where it goes.
  if (/[?#@\\\s]/.test(text)) return { ok: false, reason: 'The address may not contain "?", "#", "@", "\\" or spaces.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'Not a full URL (such as https://api.x.ai/v1).' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'Only https:// addresses (or http:// to this machine).' };
  if (!keyMayGoTo(url)) return { ok: false, reason: 'Plain http:// is only allowed to this machine (127.0.0.1 or [::1]); use https://.' };
  return { ok: true, url: url.href.replace(/\/+$/, ''), origin: url.origin };
}

/** True when `url` is xAI's own API (nothing to confirm). */
export function isDefaultApiOrigin(url: string): boolean {
  return new URL(url).origin === new URL(DEFAULT_API_BASE_URL).origin;
}
