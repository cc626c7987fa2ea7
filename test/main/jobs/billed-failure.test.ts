import type { AppError } from '@contract';
import { describe, expect, it } from 'vitest';
import { billedFailure, mayHaveBeenBilled, sentence } from '../../../src-main/core/paid-work/billed-failure';
import { reasons } from '../../../src-main/core/video/plan';

const BILLED = /xAI may have received and billed this request/;
const NOT_RESENT = /Nothing was sent again automatically\./;

/** Every way a billed POST can fail, and whether it may have reached xAI (and been billed) first. */
const cases: [string, AppError, boolean][] = [
  ['a timeout after sending', { kind: 'timeout', message: 'xAI did not answer within 30 s.' }, true],
  ['a connection reset mid-answer', { kind: 'network', message: 'The connection to xAI broke before an answer arrived.' }, true],
  ['a truncated 200 body', { kind: 'api', status: 200, code: 'bad-response', message: 'xAI sent an unreadable image response (not JSON).' }, true],
  ['a 200 of the wrong shape', { kind: 'api', status: 200, code: 'bad-response', message: 'xAI sent an unexpected image response.' }, true],
  ['a 500', { kind: 'api', status: 500, message: 'xAI had a server error: boom' }, true],
  ['a 503', { kind: 'api', status: 503, message: 'xAI had a server error: unavailable' }, true],
  ['a 502 HTML page from a proxy', { kind: 'api', status: 502, message: 'xAI had a server error: HTTP 502' }, true],
  ['a connection that never opened', { kind: 'network', message: 'Could not connect to xAI. Check your internet connection.' }, false],
  ['a 400', { kind: 'api', status: 400, message: 'xAI rejected the request: bad size' }, false],
  ['a 401', { kind: 'unauthorized', message: 'xAI did not accept the API key: nope' }, false],
  ['a 403', { kind: 'forbidden', message: 'xAI refused the request (no credits, or the key or team is blocked): no' }, false],
  ['a 429', { kind: 'rate-limited', message: 'xAI rate limit reached. Try again shortly.' }, false],
  ['a cancel', { kind: 'cancelled', message: 'Cancelled.' }, false],
  ['a missing key', { kind: 'missing-key', message: 'Add your xAI API key in Settings first.' }, false],
];

describe('honest failures of a billed POST', () => {
  it.each(cases)('%s: may have been billed = %s', (_name, error, billed) => {
    expect(mayHaveBeenBilled(error)).toBe(billed);
    for (const what of ['image', 'edit', 'video'] as const) {
      const out = billedFailure(error, what);
      expect(out.kind).toBe(error.kind);
      if (!billed) {
        expect(out).toEqual(error);
        continue;
      }
      // The original reason first, as a sentence, then the plain words: maybe billed, and never resent.
      expect(out.message.startsWith(sentence(error.message))).toBe(true);
      expect(out.message).toMatch(BILLED);
      expect(out.message).toMatch(NOT_RESENT);
      expect(out.message).not.toMatch(/\.\./);
      expect(out.message.length).toBeLessThan(400);
    }
  });

  it('names what never arrived and what to do, per kind of work', () => {
    const e: AppError = { kind: 'timeout', message: 'xAI did not answer within 30 s.' };
    expect(billedFailure(e, 'image').message).toBe(
      'xAI did not answer within 30 s. xAI may have received and billed this request, but the images never arrived. Nothing was sent again automatically. Retry to generate them again.',
    );
    expect(billedFailure(e, 'edit').message).toMatch(/the edited images never arrived.*Submit the edit again/);
    expect(reasons.startUnsure('xAI had a server error: HTTP 500')).toBe(
      'xAI had a server error: HTTP 500. xAI may have received and billed this request, but its id never arrived, so it cannot be followed. Nothing was sent again automatically. Check the usage page of your xAI console before submitting it again.',
    );
  });

  it.each([
    ['HTTP 416', 'HTTP 416.'],
    ['Done.', 'Done.'],
    ['Really?', 'Really?'],
    ['  spaced  ', 'spaced.'],
    ['', ''],
  ])('sentence(%j) = %j', (input, output) => {
    expect(sentence(input)).toBe(output);
  });
});

describe('the video note while xAI is unreachable', () => {
  it.each([
    ['HTTP 416', 'HTTP 416. Checking again in 5 s.'],
    ['The download was interrupted.', 'The download was interrupted. Checking again in 5 s.'],
    ['xAI had a server error: busy', 'xAI had a server error: busy. Checking again in 5 s.'],
  ])('%j reads %j', (message, note) => {
    expect(reasons.unreachable(message, 5_000)).toBe(note);
  });
});
