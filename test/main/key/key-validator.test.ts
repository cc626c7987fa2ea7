import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXaiImagineClient } from '../../../src-main/adapters/xai';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { startSimulator, type Simulator } from '../../../src-main/simulator';
import { createImagineKeyValidator } from '../../../src-main/services/key/key-validator';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ validKeys: ['xai-good-key-123456'] });
});
afterAll(() => sim.close());

const validator = createImagineKeyValidator((baseUrl, getApiKey) =>
  createXaiImagineClient({ baseUrl, getApiKey, clock: systemClock, retry: { maxAttempts: 1 } }));

describe('key validator against the simulator', () => {
  it.each([
    ['xai-good-key-123456', 'valid'],
    ['xai-wrong-key-654321', 'invalid'],
    ['xai-sim-invalid', 'invalid'],
    ['xai-sim-no-credits', 'no-credits'],
  ])('%s → %s', async (key, state) => {
    const v = await validator.validate(key, `${sim.url}/v1`);
    expect(v.state).toBe(state);
    expect(v.message).not.toContain(key);
  });

  it('reports offline when nothing listens', async () => {
    expect((await validator.validate('xai-good-key-123456', 'http://127.0.0.1:9/v1')).state).toBe('offline');
  });

  it('checks with GET /v1/image-generation-models', async () => {
    sim.clearRequests();
    await validator.validate('xai-good-key-123456', `${sim.url}/v1`);
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/image-generation-models']);
  });
});
