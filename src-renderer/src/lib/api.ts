/**
 * The only module in the renderer that reads `window.api` (lint enforces it). Everything else calls these
 * helpers, which turn the contract's envelopes into values or typed errors.
 */
import {
  API_GLOBAL,
  type Api,
  type AppError,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type Envelope,
  type EventName,
  type EventPayload,
} from '@contract';

/** A failed call, carrying the contract's typed error for the UI to explain. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

function bridge(): Api {
  const api = (window as unknown as Record<string, Api | undefined>)[API_GLOBAL];
  if (!api) throw new Error('Imagine Studio could not reach its main process (window.api is missing).');
  return api;
}

export function hasBridge(): boolean {
  return (window as unknown as Record<string, unknown>)[API_GLOBAL] !== undefined;
}

/** Calls a channel and returns the envelope as is, for callers that branch on errors. */
export function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
  return bridge().invoke(channel, input);
}

/** Calls a channel and returns its value, or throws an ApiError. */
export async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await bridge().invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener);
}

/** URL of a library file (relative to the library root), served by the shell's media protocol. */
export function mediaUrl(relativePath: string): string {
  return bridge().mediaBase + relativePath.split('/').map(encodeURIComponent).join('/');
}
