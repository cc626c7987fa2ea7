/** The official `openai` SDK pointed at the simulator: §3.4 and §13.68 (images.generate and error surfacing). */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, sizeOf, startTestSimulator } from '../simulator/helpers';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let client: OpenAI;
beforeAll(async () => {
  sim = await startTestSimulator();
  client = new OpenAI({ apiKey: TEST_KEY, baseURL: sim.api, maxRetries: 0 });
});
afterAll(() => sim.close());

describe('openai SDK against the simulator', () => {
  it('§13.68 images.generate with url works and the URL serves a JPEG', async () => {
    const res = await client.images.generate({ model: 'grok-imagine-image', prompt: 'a lighthouse', n: 2, aspect_ratio: '16:9' } as never);
    expect(res.created).toEqual(expect.any(Number));
    expect(res.data).toHaveLength(2);
    const url = res.data?.[0]?.url as string;
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(await sizeOf(bytes)).toEqual({ width: 1408, height: 768 });
  });

  it('§13.68 images.generate with b64_json works', async () => {
    const res = await client.images.generate({ model: 'grok-imagine-image', prompt: 'a lighthouse', response_format: 'b64_json' });
    const b64 = res.data?.[0]?.b64_json as string;
    expect(await sizeOf(Buffer.from(b64, 'base64'))).toEqual({ width: 1024, height: 1024 });
    expect((res as unknown as { usage: { cost_in_usd_ticks: number } }).usage.cost_in_usd_ticks).toBe(200_000_000);
  });

  it('§13.68 size surfaces as 400 "Argument not supported: size" in a BadRequestError', async () => {
    const err = await client.images.generate({ model: 'grok-imagine-image', prompt: 'x', size: '1024x1024' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toBe('400 "Argument not supported: size"');
    expect((err as InstanceType<typeof OpenAI.APIError>).requestID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an incorrect key surfaces as a 400 with the masked-key message; no credits as PermissionDeniedError', async () => {
    const bad = new OpenAI({ apiKey: 'xai-sim-invalid', baseURL: sim.api, maxRetries: 0 });
    const err = await bad.images.generate({ prompt: 'x' }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('Incorrect API key provided: xa***id');
    const broke = new OpenAI({ apiKey: 'xai-sim-no-credits', baseURL: sim.api, maxRetries: 0 });
    expect(await broke.images.generate({ prompt: 'x' }).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it('429 surfaces as RateLimitError; unknown model as NotFoundError', async () => {
    expect(await client.images.generate({ prompt: 'RATE_LIMIT' }).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.RateLimitError);
    expect(await client.images.generate({ prompt: 'x', model: 'nope' }).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('openai SDK chat.completions against the simulator (the prompt enhancer, issue 19)', () => {
  it('chat.completions.create answers a rewrite in the OpenAI wire format, with usage and the cost in ticks', async () => {
    const res = await client.chat.completions.create({
      model: 'grok-4-1-fast-non-reasoning',
      messages: [
        { role: 'system', content: 'Rewrite the prompt for image generation.' },
        { role: 'user', content: 'a lighthouse at dusk' },
      ],
    });
    expect(res.object).toBe('chat.completion');
    expect(res.model).toBe('grok-4-1-fast-non-reasoning');
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.choices[0]?.message.role).toBe('assistant');
    expect(res.choices[0]?.message.content).toMatch(/^A lighthouse at dusk, .+\.$/);
    const usage = res.usage as NonNullable<typeof res.usage> & { cost_in_usd_ticks: number };
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    // $0.20 / M input and $0.50 / M output tokens: 2,000 and 5,000 ticks a token (capability table).
    expect(usage.cost_in_usd_ticks).toBe(usage.prompt_tokens * 2000 + usage.completion_tokens * 5000);
  });

  it('an alias is served by its model; a video rewrite adds motion; an unknown model is a NotFoundError', async () => {
    const res = await client.chat.completions.create({
      model: 'grok-4.1-fast-non-reasoning',
      messages: [{ role: 'system', content: 'Rewrite it for video generation.' }, { role: 'user', content: 'waves.' }],
    });
    expect(res.model).toBe('grok-4-1-fast-non-reasoning');
    expect(res.choices[0]?.message.content).toContain('camera');
    const err = await client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
