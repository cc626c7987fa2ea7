/**
 * File-system failures in words. `toAppError` turns a raw fs error into "something went wrong inside", which tells
 * a user with a full disk nothing; these codes have a plain cause and a plain remedy. Pure: reads `code` only.
 */
export function describeStorageError(err: unknown): string | null {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full. Free some space';
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return 'Imagine Studio may not write to the library folder (it is read-only or belongs to another user)';
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}
