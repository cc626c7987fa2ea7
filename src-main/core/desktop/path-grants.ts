/**
 * Paths main issued to the renderer as tokens after a native dialog. The renderer passes a token back to say
 * "the folder (or file) the user chose"; it can never name a path itself, so a compromised renderer cannot read
 * or write anywhere the user did not just pick. Tokens are random, single-use, bound to their purpose and short
 * lived. Pure: the clock and the random source are injected.
 */

/** What a grant may be used for: a token for an import cannot become an export target. */
export type GrantPurpose = 'import-file' | 'import-folder' | 'export-folder' | 'save-file' | 'library-folder';

/** How long a dialog's answer stays usable: long enough to fill in an export dialog, short enough to be stale soon. */
export const GRANT_TTL_MS = 15 * 60 * 1000;
/** Outstanding grants are bounded, so a renderer looping over dialogs cannot grow main's memory. */
const MAX_GRANTS = 5_000;

interface Grant {
  path: string;
  purpose: GrantPurpose;
  expiresAt: number;
}

export interface PathGrants {
  /** Issues a token for a path the user chose in a dialog. */
  issue(path: string, purpose: GrantPurpose): string;
  /** The path behind a token, used up on the way: null when unknown, expired, already used or for another purpose. */
  take(token: string, purpose: GrantPurpose): string | null;
  /** Outstanding grants (for tests). */
  size(): number;
}

export function createPathGrants(deps: { now(): number; randomToken(): string; ttlMs?: number }): PathGrants {
  const ttl = deps.ttlMs ?? GRANT_TTL_MS;
  const grants = new Map<string, Grant>();
  const sweep = (now: number) => {
    for (const [token, g] of grants) if (g.expiresAt <= now) grants.delete(token);
  };
  return {
    issue(path, purpose) {
      const now = deps.now();
      sweep(now);
      // Oldest first (Map keeps insertion order): an old unused choice is the one to forget.
      while (grants.size >= MAX_GRANTS) grants.delete(grants.keys().next().value as string);
      const token = deps.randomToken();
      grants.set(token, { path, purpose, expiresAt: now + ttl });
      return token;
    },
    take(token, purpose) {
      const grant = grants.get(token);
      if (!grant) return null;
      // A token shown for the wrong purpose is burnt too: it was probably stolen or forged from a leak.
      grants.delete(token);
      if (grant.purpose !== purpose || grant.expiresAt <= deps.now()) return null;
      return grant.path;
    },
    size: () => grants.size,
  };
}
