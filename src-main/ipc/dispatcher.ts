import { channels, isChannelName, type Envelope } from '@contract';
import { toAppError } from '../core/app-error';
import type { Logger } from '../core/ports';
import type { Handlers } from './handlers';
import type { SenderInfo } from './sender-guard';

/** Longest issue message returned to the renderer. */
const MAX_ISSUE_CHARS = 300;

export type Dispatch = (channel: unknown, input: unknown, sender: SenderInfo) => Promise<Envelope<unknown>>;

/**
 * The single entry for every call from a renderer, shared by both shells: refuse unknown channels and foreign
 * senders, parse the input with the channel's zod schema, call the handler, and wrap the result in an envelope.
 */
export function createDispatcher(options: {
  handlers: Handlers;
  guard: (sender: SenderInfo) => string | null;
  logger: Logger;
}): Dispatch {
  const { handlers, guard, logger } = options;
  return async (channel, input, sender) => {
    const refusal = guard(sender);
    if (refusal) {
      logger.warn('ipc: refused sender', { origin: sender.origin, mainFrame: sender.isMainFrame });
      return { ok: false, error: { kind: 'forbidden-sender', message: refusal } };
    }
    if (!isChannelName(channel)) {
      return {
        ok: false,
        error: { kind: 'validation', message: `Unknown channel: ${String(channel).slice(0, 80)}`, issues: [] },
      };
    }
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          kind: 'validation',
          message: `Invalid input for ${channel}.`,
          issues: parsed.error.issues.slice(0, 20).map((issue) => ({
            path: issue.path.map(String).join('.'),
            // zod lists every unknown key in one message: 200k stray keys would echo back megabytes.
            message: issue.message.length > MAX_ISSUE_CHARS ? `${issue.message.slice(0, MAX_ISSUE_CHARS)}…` : issue.message,
          })),
        },
      };
    }
    try {
      // The parsed input matches this channel's handler by construction of `Handlers`.
      const handler = handlers[channel] as (value: unknown, caller: SenderInfo) => unknown;
      const value = await handler(parsed.data, sender);
      return { ok: true, value };
    } catch (err) {
      const error = toAppError(err);
      if (error.kind === 'internal') logger.error('ipc: handler failed', { channel, error: String(err) });
      return { ok: false, error };
    }
  };
}
