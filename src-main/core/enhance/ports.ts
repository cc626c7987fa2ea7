/** The chat completions endpoint, as the prompt enhancer uses it (xAI `POST /v1/chat/completions`). */
import type { CallOptions } from '../xai';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Caps the answer (and so its cost). */
  maxTokens: number;
  temperature?: number;
}

export interface ChatAnswer {
  content: string;
  /** The model that served it (xAI reports the canonical id for an alias). */
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** `usage.cost_in_usd_ticks` when xAI reported it; null: work it out from the tokens at the table's price. */
  costTicks: number | null;
  requestId: string | null;
}

export interface ChatApi {
  complete(request: ChatRequest, options?: CallOptions): Promise<ChatAnswer>;
}

/** The instruction the enhancer sends as the system message; the simulator reads "video" or "image" from it. */
export function enhanceInstruction(target: 'image' | 'video', limit: number): string {
  const what = target === 'video'
    ? 'a text-to-video model: say what moves, how the camera moves, the light, the mood and the sound'
    : 'a text-to-image model: say the subject, the setting, the composition, the light, the style and the colours';
  return [
    `You rewrite prompts for ${what}.`,
    'Keep the user\'s intent and every concrete detail they gave; add only what makes the picture clearer.',
    `Answer with the rewritten prompt alone, in the user's language, as one paragraph under ${limit} characters: no preamble, no quotes, no lists.`,
  ].join(' ');
}

/** The rewrite as a prompt: the model's answer without quotes or a "Prompt:" label it may add anyway. */
export function cleanRewrite(answer: string): string {
  return answer
    .trim()
    .replace(/^(?:rewritten prompt|prompt)\s*:\s*/i, '')
    .replace(/^["“'`]+|["”'`]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
