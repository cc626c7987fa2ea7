/** Stability's error bodies (reference §5): v2beta `{id, name, errors[]}`, v1 `{id, name, message}`. */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { send } from '../http-util';

/** Error ids are usually 32 hex characters (reference §5). */
export const errorId = () => randomBytes(16).toString('hex');

export function sendV2Error(res: ServerResponse, status: number, name: string, errors: string[], headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify({ id: errorId(), name, errors }), { 'content-type': 'application/json', ...headers });
}

export function sendV1Error(res: ServerResponse, status: number, name: string, message: string): void {
  send(res, status, JSON.stringify({ id: errorId(), name, message }), { 'content-type': 'application/json' });
}

/** The documented (or observed) wording of each error (reference §5). */
export const MESSAGES = {
  unauthorized: 'authorization: invalid or missing header value',
  paymentRequired: 'You lack sufficient credits to make this request. Please purchase more credits at https://platform.stability.ai/account/credits and try again.',
  moderation: 'Your request was flagged by our content moderation system, as a result your request was denied and you were not charged.',
  tooLarge: 'body: payloads cannot be larger than 10MiB in size',
  language: 'English is the only supported language for this service.',
  publicFigure: 'Our system detected the likeness of a public figure in your image. To comply with our guidelines, this request cannot be processed.',
  internal: 'An unexpected server error has occurred, please try again later.',
  notFound: 'id: the generation either does not exist or has expired.',
  rateLimit: (n: number, windowS: number, timeoutS: number) =>
    `You have exceeded the rate limit of ${n} requests within a ${windowS} second period, and have been timed out for ${timeoutS} seconds.`,
} as const;
