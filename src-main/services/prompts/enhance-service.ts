/**
 * "Enhance prompt" (issue 19): a Grok chat model rewrites a prompt for image or video generation. The rewrite only
 * comes back to the renderer, which shows it beside the original to accept, edit or discard; nothing is generated
 * from it here. The call is paid work like any other: the budget is checked against a worst-case estimate first,
 * held while it runs, and what xAI reports (or, without a reported cost, the tokens at the table's price) goes in the
 * one ledger as `text`.
 */
import { MAX_PROMPT_LENGTH, defaultTextModel, findTextModel, textCostTicks, type EnhanceView, type ParsedInput } from '@contract';
import { fail } from '../../core/app-error';
import { cleanRewrite, enhanceInstruction, type ChatApi } from '../../core/enhance/ports';
import type { Logger } from '../../core/ports';
import { validationError } from '../../core/xai';
import type { CapabilitySource } from '../models/capability-service';
import type { SpendPort } from '../ledger/spend';
import type { PaidWork } from '../paid-work/paid-work';
import { BUILT_IN_TABLE } from '@contract';

/** Longest answer asked for: a prompt of MAX_PROMPT_LENGTH characters is about a quarter as many tokens; twice that. */
export const ENHANCE_MAX_TOKENS = Math.ceil(MAX_PROMPT_LENGTH / 2);

/** Tokens a text counts, high side (3 characters a token), for the estimate before the call. */
const tokensAtMost = (text: string) => Math.ceil(text.length / 3) + 8;

export function createEnhanceService(deps: {
  chat: ChatApi;
  /** The one budget (check and hold before the call). */
  spend: SpendPort;
  /** The one paid-work pipeline: it sends the call (429s waited out) and records the spend. */
  work: Pick<PaidWork, 'callDirect' | 'record'>;
  settings: () => { enhanceModel: string; requestTimeoutSec: number };
  capabilities?: CapabilitySource;
  logger: Logger;
  newId?: () => string;
}) {
  const table = () => deps.capabilities?.current() ?? BUILT_IN_TABLE;
  const newId = deps.newId ?? (() => crypto.randomUUID().replaceAll('-', ''));

  async function enhance(input: ParsedInput<'prompts:enhance'>): Promise<EnhanceView> {
    const model = findTextModel(deps.settings().enhanceModel, table()) ?? findTextModel(defaultTextModel(table()), table());
    if (!model) fail(validationError([{ path: 'enhanceModel', message: 'Choose a text model for the prompt enhancer in Settings.' }]));
    const system = enhanceInstruction(input.target, MAX_PROMPT_LENGTH);
    const estimate = textCostTicks(model, tokensAtMost(system) + tokensAtMost(input.prompt), ENHANCE_MAX_TOKENS);
    deps.spend.assertWithinBudget('text', estimate);
    const hold = deps.spend.hold(estimate);
    const ref = newId();
    try {
      const sent = await deps.work.callDirect('text', () => deps.chat.complete(
        { model: model.id, messages: [{ role: 'system', content: system }, { role: 'user', content: input.prompt }], maxTokens: ENHANCE_MAX_TOKENS, temperature: 0.7 },
        { timeoutMs: deps.settings().requestTimeoutSec * 1000 },
      ));
      if (!sent.ok) fail(sent.failure.error);
      const answer = sent.value;
      // Billed from here on, whatever the answer says.
      const costTicks = answer.costTicks ?? textCostTicks(model, answer.promptTokens, answer.completionTokens);
      deps.work.record('text', ref, costTicks);
      const rewrite = cleanRewrite(answer.content);
      deps.logger.info('enhance: rewrite received', { model: answer.model, requestId: answer.requestId, ticks: costTicks, chars: rewrite.length });
      if (!rewrite) fail({ kind: 'api', status: 200, code: 'empty-answer', message: `${model.name} answered with no rewrite. Try again, or keep your prompt as it is.` });
      return { original: input.prompt, rewrite, model: answer.model, costTicks, requestId: answer.requestId };
    } finally {
      hold.release();
    }
  }

  return { enhance };
}

export type EnhanceService = ReturnType<typeof createEnhanceService>;
