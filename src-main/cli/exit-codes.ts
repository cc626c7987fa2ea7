import type { AppErrorKind } from '@contract';

/**
 * `imagine` exits with one code per AppError kind, so scripts can branch without parsing messages. 0 is success,
 * 1 an unexpected failure, 2 bad usage or input (sysexits-like low numbers for the common cases).
 */
export const EXIT_CODES: Record<AppErrorKind, number> = {
  internal: 1,
  validation: 2,
  'missing-key': 3,
  unauthorized: 4,
  forbidden: 5,
  'rate-limited': 6,
  network: 7,
  timeout: 8,
  api: 9,
  moderated: 10,
  'not-found': 11,
  'keychain-unavailable': 12,
  storage: 13,
  cancelled: 130,
  'forbidden-sender': 1,
};

export function exitCodeOf(kind: AppErrorKind): number {
  return EXIT_CODES[kind];
}
