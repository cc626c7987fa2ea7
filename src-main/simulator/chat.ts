/**
 * POST /v1/chat/completions: xAI's OpenAI-compatible chat endpoint, as far as the prompt enhancer (issue 19) uses it:
 * non-streamed answers to `messages` with a text model of the capability table (`textModels`). The rewrite is
 * deterministic (the prompt plus detail words for an image or a video, as the system message asks), so tests can
 * compare it. Usage carries token counts and `cost_in_usd_ticks` at the table's per-token price.
 */
import { randomUUID } from 'node:crypto';
import { findTextModel, textCostTicks } from '@contract';
import type { Ctx } from './context';
import { sendOk } from './faults';
import { GRPC, sendError } from './http-util';

/** Words the simulated model adds: what a real one tends to add for each kind of generation. */
const DETAIL = {
  image: 'cinematic lighting, rich texture and colour, sharp focus, balanced composition',
  video: 'slow camera push-in, natural motion, soft ambient sound, cinematic lighting',
} as const;

/** Roughly what a tokenizer counts for English text (4 characters a token). */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

interface Message {
  role: string;
  content: string;
}

function readMessages(value: unknown): Message[] | string {
  if (!Array.isArray(value) || value.length === 0) return '`messages` must be a non-empty array.';
  const out: Message[] = [];
  for (const m of value as unknown[]) {
    const role = (m as { role?: unknown })?.role;
    const content = (m as { content?: unknown })?.content;
    if (typeof role !== 'string' || !['system', 'user', 'assistant', 'developer'].includes(role)) return 'Each message needs a role: system, user or assistant.';
    // Content parts ([{type:"text",text}]) are accepted as the SDKs send them.
    const text = typeof content === 'string' ? content
      : Array.isArray(content) ? content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join('') : null;
    if (text === null) return 'Each message needs `content`.';
    out.push({ role, content: text });
  }
  return out;
}

/** The rewrite: the last user message, tidied, with the detail words of the kind the system message names. */
export function simulatedRewrite(messages: readonly Message[]): string {
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.content).join(' ');
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const base = user.replace(/\s+/g, ' ').trim().replace(/[.,;:!]+$/, '');
  const kind = /\bvideo\b/i.test(system) ? 'video' : 'image';
  return base ? `${base[0]?.toUpperCase()}${base.slice(1)}, ${DETAIL[kind]}.` : '';
}

export async function chatCompletions(ctx: Ctx): Promise<void> {
  const b = ctx.body;
  const asked = typeof b.model === 'string' ? b.model : '';
  const model = findTextModel(asked, ctx.opts.capabilities);
  if (!model) return sendError(ctx.res, 404, GRPC.notFound, `The model ${asked} does not exist or your team does not have access to it.`);
  if (b.stream === true) return sendError(ctx.res, 400, GRPC.invalid, 'Streaming is not supported by the simulator.');
  const messages = readMessages(b.messages);
  if (typeof messages === 'string') return sendError(ctx.res, 400, GRPC.invalid, messages);
  const content = simulatedRewrite(messages);
  const promptTokens = messages.reduce((s, m) => s + tokens(m.content) + 3, 0);
  const completionTokens = tokens(content);
  sendOk(ctx.res, {
    id: randomUUID(),
    object: 'chat.completion',
    created: Math.floor(ctx.opts.now() / 1000),
    model: model.id,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { text_tokens: promptTokens, audio_tokens: 0, image_tokens: 0, cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      cost_in_usd_ticks: textCostTicks(model, promptTokens, completionTokens),
    },
    system_fingerprint: 'fp_simulator',
  }, ctx.bodyFault);
}
