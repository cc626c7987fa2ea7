/**
 * Issue 14.12: a video's refusal reads as one clean sentence — no doubled punctuation when xAI's own reason already
 * ends with a full stop — and only asks for another image (or video) when the job sent one.
 */
import { describe, expect, it } from 'vitest';
import { VideoMode } from '@contract';
import { clause, reasons } from '../../../src-main/core/video/plan';
import { BLOCKED_REASON } from '../../../src-main/core/xai';

const doubled = /\.\s*\.|\.\)|\?\.|!\./;

describe('video refusal words', () => {
  it('never double the punctuation of the reason they quote', () => {
    for (const mode of VideoMode.options) {
      for (const text of [
        reasons.blocked(BLOCKED_REASON, mode),
        reasons.blocked('Flagged.  ', mode),
        reasons.failed('permission_denied', 'Content policy violation.', mode),
        reasons.failed('internal', 'The render failed.', mode),
        reasons.startFailed('Bad request'),
      ]) {
        expect(text, text).not.toMatch(doubled);
        expect(text.trim().endsWith('.')).toBe(true);
      }
    }
    expect(reasons.blocked(BLOCKED_REASON, 'text')).toBe(
      "xAI's content moderation withheld this video (Blocked by xAI's content policy). Nothing was downloaded; xAI may still bill the job. Rephrase the prompt.",
    );
  });

  it('ask for another picture only when the job sent one', () => {
    expect(reasons.blocked(BLOCKED_REASON, 'text')).not.toMatch(/image|video\.$/);
    expect(reasons.failed('permission_denied', 'moderated', 'text')).toMatch(/; rephrase the prompt\.$/);
    expect(reasons.blocked(BLOCKED_REASON, 'image')).toMatch(/use another image\.$/);
    expect(reasons.blocked(BLOCKED_REASON, 'reference')).toMatch(/use other reference images\.$/);
    expect(reasons.blocked(BLOCKED_REASON, 'extend')).toMatch(/use another video\.$/);
    expect(reasons.failed('permission_denied', 'policy', 'edit')).toMatch(/edit instruction or use another video\.$/);
  });

  it('clause drops the closing punctuation and spaces only', () => {
    expect(clause(' Blocked by policy. ')).toBe('Blocked by policy');
    expect(clause('Is it ok?!')).toBe('Is it ok');
    expect(clause('v1.5 model')).toBe('v1.5 model');
  });
});
