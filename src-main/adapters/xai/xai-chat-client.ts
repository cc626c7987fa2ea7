/**
 * xAI's chat completions endpoint over HTTP (`POST /v1/chat/completions`, OpenAI-compatible), for the prompt
 * enhancer. Same transport as the Imagine client (the key only in the Authorization header, timeouts, error
 * mapping); the answer is parsed with zod and only what the enhancer needs is kept.
 */
import { z } from 'zod';
import { fail } from '../../core/app-error';
import type { ChatApi } from '../../core/enhance/ports';
import type { CallOptions } from '../../core/xai';
import { createTransport, type TransportOptions } from './transport';

const Completion = z.object({
  model: z.string().optional(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({
    prompt_tokens: z.number().int().min(0),
    completion_tokens: z.number().int().min(0),
    cost_in_usd_ticks: z.number().int().min(0).optional(),
  }).optional(),
});

const opts = (o?: CallOptions) => ({ ...(o?.signal ? { signal: o.signal } : {}), ...(o?.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }) });

export function createXaiChatClient(options: TransportOptions): ChatApi {
  // One attempt: a chat call is paid, and the user is waiting to press the button again if it failed.
  const transport = createTransport({ ...options, retry: { maxAttempts: 1, ...options.retry } });
  return {
    async complete(request, o) {
      const body = {
        model: request.model, messages: request.messages, max_tokens: request.maxTokens,
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      };
      const res = await transport.send({ method: 'POST', path: '/chat/completions', body, ...opts(o) });
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = undefined;
      }
      const parsed = Completion.safeParse(json);
      if (!parsed.success) {
        return fail({ kind: 'api', status: res.status, code: 'bad-response', message: 'xAI sent an unexpected chat answer.', ...(res.requestId ? { requestId: res.requestId } : {}) });
      }
      const { choices, usage, model } = parsed.data;
      return {
        content: choices[0]?.message.content ?? '',
        model: model ?? request.model,
        promptTokens: usage?.prompt_tokens ?? 0,
        completionTokens: usage?.completion_tokens ?? 0,
        costTicks: usage?.cost_in_usd_ticks ?? null,
        requestId: res.requestId ?? null,
      };
    },
  };
}
