/**
 * Honest failures of a billed POST (image batch, edit, video start). When a call fails after it may have reached
 * xAI (a timeout after sending, a connection that broke mid-answer, a 5xx, a 200 whose body could not be read), xAI
 * may have done the work and billed it, and the client sends a POST only once (core/xai/retry.ts), so the message
 * says both: it may be billed, and nothing was sent again behind the user's back.
 */
import type { AppError } from '@contract';

/** Ends a message with a full stop unless it ends a sentence already ("HTTP 416" → "HTTP 416."). */
export function sentence(message: string): string {
  const m = message.trim();
  return m === '' || /[.!?…)]$/.test(m) ? m : `${m}.`;
}

/**
 * Whether a failed POST may have reached xAI and been billed. A connection that never opened (the transport's
 * "Could not connect" message, the only network failure it retries) and every answer xAI refused up front
 * (4xx: key, credits, validation, rate limit) were not.
 */
export function mayHaveBeenBilled(error: AppError): boolean {
  switch (error.kind) {
    case 'timeout':
      return true;
    case 'network':
      return !/^Could not connect/i.test(error.message);
    case 'api':
      return error.status >= 500 || error.code === 'bad-response';
    default:
      return false;
  }
}

/** What never arrived, per kind of billed call. */
const NEVER_ARRIVED = {
  image: 'the images never arrived',
  edit: 'the edited images never arrived',
  video: 'its id never arrived, so it cannot be followed',
  text: 'the rewrite never arrived',
} as const;

const AGAIN = {
  image: 'Retry to generate them again.',
  edit: 'Submit the edit again to try once more.',
  video: 'Check the usage page of your {provider} console before submitting it again.',
  text: 'Press “Enhance prompt” again to ask once more.',
} as const;

/** The words added to the failure of a billed POST that may have reached the provider (xAI unless named). */
export function billedNote(what: BilledWhat, provider = 'xAI'): string {
  return `${provider} may have received and billed this request, but ${NEVER_ARRIVED[what]}. Nothing was sent again automatically. ${AGAIN[what].replace('{provider}', provider)}`;
}

/** The error as the user sees it: unchanged unless the call may have been billed, then with `billedNote`. */
export function billedFailure(error: AppError, what: BilledWhat, provider?: string): AppError {
  if (!mayHaveBeenBilled(error)) return error;
  return { ...error, message: `${sentence(error.message)} ${billedNote(what, provider)}` };
}

/** The kinds of billed call, as the messages name them. */
export type BilledWhat = keyof typeof NEVER_ARRIVED;
