/**
 * zod schemas for every Imagine response, tolerant of what the doc says varies (§13, §14): nullish everywhere,
 * `created` optional, `usage` optional, `revised_prompt` empty or missing, unknown keys ignored, status an open string.
 */
import { z } from 'zod';

const usage = z.object({ cost_in_usd_ticks: z.number().nullish() }).loose().nullish();

export const generatedImageSchema = z
  .object({
    url: z.string().nullish(),
    b64_json: z.string().nullish(),
    mime_type: z.string().nullish(),
    revised_prompt: z.string().nullish(),
    respect_moderation: z.boolean().nullish(),
  })
  .loose();

export const imageResponseSchema = z
  .object({
    created: z.number().nullish(),
    // The model that served (xai-imagine-api-updates.md §1 #3); read when present, never required (§7 Q3).
    model: z.string().nullish(),
    data: z.array(generatedImageSchema).nullish(),
    usage,
  })
  .loose();
export type ImageResponseBody = z.infer<typeof imageResponseSchema>;

/** POST video (and deferred image) start: `{request_id}`; its absence is a protocol error (doc §13.43). */
export const startResponseSchema = z.object({ request_id: z.string().min(1) }).loose();

const pollError = z.object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() }).loose().nullish();

export const videoPollSchema = z
  .object({
    status: z.string().nullish(),
    progress: z.number().nullish(),
    model: z.string().nullish(),
    video: z
      .object({
        url: z.string().nullish(),
        duration: z.number().nullish(),
        respect_moderation: z.boolean().nullish(),
        file_output: z.object({ public_url: z.string().nullish() }).loose().nullish(),
      })
      .loose()
      .nullish(),
    usage,
    error: pollError,
  })
  .loose();
export type VideoPollBody = z.infer<typeof videoPollSchema>;

export const deferredImagePollSchema = imageResponseSchema.extend({ status: z.string().nullish(), error: pollError });

export const imageModelsSchema = z.object({
  models: z.array(
    z
      .object({
        id: z.string(),
        aliases: z.array(z.string()).nullish(),
        max_prompt_length: z.number().nullish(),
        image_price: z.number().nullish(),
        pricing: z
          .array(z.object({ quality: z.string().nullish(), resolution: z.string().nullish(), price_per_image: z.number() }).loose())
          .nullish(),
      })
      .loose(),
  ),
});

export const videoModelsSchema = z.object({
  models: z.array(
    z.object({ id: z.string(), aliases: z.array(z.string()).nullish(), input_modalities: z.array(z.string()).nullish() }).loose(),
  ),
});
