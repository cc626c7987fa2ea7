/**
 * What the user reads about paid work that did not end as asked, in one place for every kind of work (image batches,
 * edits, videos): a result that arrived but could not be saved, a slot xAI withheld, a request cancelled in flight.
 * The billed-failure wording (a call that may have been billed) lives beside it in ./billed-failure.ts.
 */
import { toAppError } from '../app-error';
import { describeStorageError } from '../storage-error';

/** What one result is called in a sentence, per kind of work. */
export type ResultNoun = 'image' | 'edited image' | 'video';

export const BLOCKED_EXPLANATION =
  "xAI's content policy withheld this image. Retrying the same prompt will most likely be blocked again; rephrase it instead.";
export const CANCELLED_IN_FLIGHT = 'Cancelled while xAI was working on it; xAI may still bill the request.';
export const FEWER_THAN_ASKED = 'xAI returned fewer images than were asked for.';
export const LINK_NOT_DOWNLOADED = 'The image arrived as a link that could not be downloaded.';
export const DAMAGED_STAGED_COPY =
  'The saved copy of this image was damaged (the computer may have lost power before it was written out); it could not be recovered.';

/** Why a result could not be saved, in words. */
export function savingProblem(err: unknown): string {
  return describeStorageError(err) ?? toAppError(err).message;
}

/** The result is staged and the next start files it. */
export const keptForLater = (problem: string, noun: ResultNoun = 'image') =>
  `The ${noun} arrived but could not be saved: ${problem}. It is kept and will be saved the next time Imagine Studio starts.`;
/** The result could not be staged either (or the library refused its bytes): it is gone. */
export const notKept = (problem: string, noun: ResultNoun = 'image') => `The ${noun} arrived but could not be saved: ${problem}.`;

/** The library refused the bytes themselves (not an image): keeping them for another try would not help. */
export const refusedBytes = (err: unknown) => toAppError(err).kind === 'validation';
