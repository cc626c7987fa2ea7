import { DEEP_LINK_SCHEME, DeepLink, MAX_PROMPT_LENGTH } from '@contract';

export type ParsedDeepLink = { ok: true; link: DeepLink } | { ok: false; reason: string };

/** Longer than any valid link: each prompt character percent-encodes to at most 12 (4 UTF-8 bytes as %XX). */
const MAX_LINK_CHARS = MAX_PROMPT_LENGTH * 12 + 200;
const ACTIONS = ['item', 'collection', 'remix'] as const;

/**
 * Parses an `imagine-studio://` URL from the OS (argv, `open-url`, a second instance) into a checked DeepLink, or
 * a sentence saying why it is refused. Strict on purpose: anything not exactly one of the three forms is refused,
 * so a crafted link cannot reach further than "open this item / collection / prompt".
 */
export function parseDeepLink(raw: string): ParsedDeepLink {
  const refuse = (reason: string): ParsedDeepLink => ({ ok: false, reason });
  if (raw.length > MAX_LINK_CHARS) return refuse('The link is too long.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('It is not a valid link.');
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return refuse(`It is not an ${DEEP_LINK_SCHEME}:// link.`);
  if (url.username || url.password || url.port || url.hash) return refuse('The link has parts Imagine Studio links never have (a user, port or #fragment).');
  const action = url.hostname.toLowerCase();
  if (!(ACTIONS as readonly string[]).includes(action)) {
    return refuse(`Imagine Studio links open an item, a collection or a remix; “${action || '(nothing)'}” is none of these.`);
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const params = [...url.searchParams.keys()];

  if (action === 'remix') {
    if (segments.length > 0) return refuse('A remix link has no path: use imagine-studio://remix?prompt=…');
    const unknown = params.filter((p) => p !== 'prompt');
    if (unknown.length > 0) return refuse(`A remix link takes only a prompt; it had ${unknown.map((p) => `“${p}”`).join(', ')}.`);
    if (url.searchParams.getAll('prompt').length > 1) return refuse('A remix link takes one prompt, not several.');
    return checked({ kind: 'remix', prompt: url.searchParams.get('prompt') ?? '' });
  }
  const what = action === 'item' ? 'An item' : 'A collection';
  if (params.length > 0) return refuse(`${what} link takes no ?parameters.`);
  if (segments.length !== 1) return refuse(`${what} link names exactly one id: imagine-studio://${action}/<id>.`);
  let id: string;
  try {
    id = decodeURIComponent(segments[0]!).toLowerCase();
  } catch {
    return refuse('That is not a library id (32 hexadecimal characters).');
  }
  return checked({ kind: action, id });
}

function checked(candidate: unknown): ParsedDeepLink {
  const result = DeepLink.safeParse(candidate);
  if (result.success) return { ok: true, link: result.data };
  const issue = result.error.issues[0];
  return { ok: false, reason: issue?.path.includes('id') ? 'That is not a library id (32 hexadecimal characters).' : (issue?.message ?? 'The link is malformed.') };
}

/** The link among command-line arguments (Windows and Linux pass it there, to a first or second instance). */
export function findDeepLinkArg(argv: readonly string[]): string | null {
  return argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null;
}
