/**
 * Text→image for every provider of the capability table: the pre-flight check, the estimate and the number of images
 * one request may ask for. xAI's own rules stay in core/xai (validate.ts, cost.ts); Stability AI's and MiniMax's come
 * from their rows of the same table (models, ratios, prompt limits, prices in ticks), so the picker, the estimate and
 * the check can never disagree.
 */
import {
  API_LIMITS, BUILT_IN_TABLE, findModel, findOperation, imagePriceTicks, providerOf, type CapabilityTable, type ImageModelSpec, type ProviderId,
} from '@contract';
import { MAX_IMAGES_PER_REQUEST } from '../jobs/plan';
import { estimateImageCost, imageGenerateIssues, ticksToUsd, type CostEstimate, type ImageGenerateRequest, type Issue } from '../xai';

/** The provider whose model `model` is (xAI for an id no table row names: xAI answers 404 and the user sees why). */
export const imageProviderOf = (model: string | undefined, table: CapabilityTable = BUILT_IN_TABLE): ProviderId =>
  (model ? providerOf(model, table) : undefined) ?? 'xai';

/** Another provider's image model that generates from text; undefined when it does not. */
function otherModel(provider: ProviderId, model: string | undefined, table: CapabilityTable): ImageModelSpec | undefined {
  const spec = findModel(model, 'image', table, [provider]);
  return spec && findOperation(provider, 'generate', table)?.models.includes(spec.id) ? spec : undefined;
}

/** Most images one request of `model` asks for: the provider's limit (Stability: 1), never more than the queue's split. */
export function imagesPerRequest(model: string | undefined, table: CapabilityTable = BUILT_IN_TABLE): number {
  const provider = imageProviderOf(model, table);
  return Math.max(1, Math.min(MAX_IMAGES_PER_REQUEST, table.providers[provider].limits.images.max));
}

/** Problems with a text→image request (n: images per prompt), before anything is sent. */
export function generateIssues(req: ImageGenerateRequest, table: CapabilityTable = BUILT_IN_TABLE): Issue[] {
  const provider = imageProviderOf(req.model, table);
  if (provider === 'xai') return imageGenerateIssues(req, table);
  const issues: Issue[] = [];
  const spec = otherModel(provider, req.model, table);
  const name = table.providers[provider].name;
  if (!spec) return [{ path: 'model', message: `${name} does not generate images with ${req.model}.` }];
  if (!req.prompt.trim()) issues.push({ path: 'prompt', message: 'Write a prompt first.' });
  else if (req.prompt.length > spec.promptLimit) issues.push({ path: 'prompt', message: `The prompt is ${req.prompt.length} characters; ${spec.name} takes at most ${spec.promptLimit}.` });
  const n = req.n ?? 1;
  if (!Number.isInteger(n) || n < API_LIMITS.images.min || n > API_LIMITS.images.max) {
    issues.push({ path: 'n', message: `Choose between ${API_LIMITS.images.min} and ${API_LIMITS.images.max} images.` });
  }
  if (req.aspect_ratio !== undefined && !spec.ratios.includes(req.aspect_ratio)) issues.push({ path: 'aspect_ratio', message: `${spec.name} does not take the ${req.aspect_ratio} aspect ratio.` });
  if (req.resolution !== undefined && !spec.resolutions.includes(req.resolution)) issues.push({ path: 'resolution', message: `${spec.name} renders at ${spec.resolutions.join(' or ')}, not ${req.resolution}.` });
  if (req.quality !== undefined && spec.qualities.length === 0) issues.push({ path: 'quality', message: `${spec.name} has no quality setting.` });
  return issues;
}

/** The list price of `n` images of a text→image request: xAI's from its rules, the others' from their table rows. */
export function estimateGenerateCost(req: ImageGenerateRequest, table: CapabilityTable = BUILT_IN_TABLE): CostEstimate {
  const provider = imageProviderOf(req.model, table);
  if (provider === 'xai') return estimateImageCost(req, table);
  const spec = otherModel(provider, req.model, table);
  const one = spec && imagePriceTicks(spec, undefined, req.resolution ?? '1k');
  if (one === undefined) return { ticks: 0, usd: 0, source: 'unknown' };
  const ticks = one * (req.n ?? 1);
  // Neither Stability nor MiniMax reports a cost: the table's price is what is recorded, so it is "about".
  return { ticks, usd: ticksToUsd(ticks), source: 'table', inputTicks: 0 };
}
