import { describe, expect, it } from 'vitest';
import { AppErrorSchema, channelNames, channels, envelopeSchema, eventNames, isChannelName } from '@contract';

describe('the contract', () => {
  it('names every channel domain:verb and every event domain:noun', () => {
    for (const name of [...channelNames, ...eventNames]) expect(name).toMatch(/^[a-z]+:[a-z][a-z-]*$/);
  });

  it('gives every channel an input and an output schema', () => {
    for (const name of channelNames) {
      expect(channels[name].input).toBeDefined();
      expect(channels[name].output).toBeDefined();
    }
  });

  it('does not mistake inherited object keys for channels', () => {
    expect(isChannelName('toString')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
    expect(isChannelName('app:info')).toBe(true);
  });

  it('parses both envelope shapes and rejects an error without a kind', () => {
    const schema = envelopeSchema(channels['app:ping'].output);
    expect(schema.safeParse({ ok: true, value: { message: 'x', at: 1 } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { kind: 'rate-limited', message: 'Slow down', retryAfterMs: 1000 } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { message: 'no kind' } }).success).toBe(false);
    expect(AppErrorSchema.safeParse({ kind: 'validation', message: 'x' }).data).toEqual({ kind: 'validation', message: 'x', issues: [] });
  });
});
