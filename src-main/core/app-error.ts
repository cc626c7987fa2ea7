import type { AppError } from '@contract';

/**
 * Thrown inside main to fail a call with a typed AppError; the dispatcher turns it into an error envelope.
 * Anything else thrown becomes `internal` with a generic message (details go to the log, not the renderer).
 */
export class AppErrorException extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'AppErrorException';
  }
}

export function fail(error: AppError): never {
  throw new AppErrorException(error);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppErrorException) return err.appError;
  if (err instanceof Error && err.name === 'AbortError') return { kind: 'cancelled', message: 'Cancelled.' };
  return { kind: 'internal', message: 'Something went wrong inside Imagine Studio. Details are in the log.' };
}
