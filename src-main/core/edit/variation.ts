/**
 * "Vary (subtle)" and "Vary (strong)" (issue 19, after Midjourney's "vary"): an edit of one image whose instruction
 * asks for a variation of it. The words live here once; the results are filed as edits `edited-from` the image.
 */
import type { VaryStrength } from '@contract';

const ASK: Record<VaryStrength, string> = {
  subtle: 'Make a subtle variation of <IMAGE_0>: keep the subject, composition, framing, colours and style; change only small details such as pose, expression, texture and the nuance of the light.',
  strong: 'Make a strong variation of <IMAGE_0>: keep the main subject recognisable, but freely reinterpret the composition, camera angle, setting, lighting and palette.',
};

/** The edit instruction for a variation; the image's own prompt, when it has one, says what to keep. */
export function variationInstruction(strength: VaryStrength, prompt: string, limit: number): string {
  const ask = ASK[strength];
  const about = prompt.trim().replace(/\s+/g, ' ');
  if (!about) return ask;
  const room = limit - ask.length - ' It shows: '.length - 1;
  if (room < 20) return ask;
  return `${ask} It shows: ${about.length > room ? `${about.slice(0, room - 1)}…` : about}`;
}
