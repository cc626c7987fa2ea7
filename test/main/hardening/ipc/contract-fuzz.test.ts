/**
 * Property-based fuzzing of every contract channel through the real dispatcher and a real core. Invalid input must
 * come back as a `validation` envelope; input that happens to be valid may get any envelope except `internal`.
 * Afterwards: nothing written outside the data dir (relative paths are caught too: the process runs inside the
 * sandbox), Object.prototype unpolluted, no `ipc: handler failed` in the log.
 *
 * IMAGINE_FUZZ_RUNS scales the invalid payloads per channel (default 500); IMAGINE_FUZZ_SEED replays a run (the
 * seed is printed). IMAGINE_FUZZ_REPORT=1 prints per-channel counts.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '@contract';
import { prototypeIsClean, startCoreHarness, within, type CoreHarness } from './core-harness';
import { hostilePayload } from './payloads';

const RUNS = Math.max(1, Number(process.env.IMAGINE_FUZZ_RUNS ?? 500));
const SEED = Number(process.env.IMAGINE_FUZZ_SEED ?? (Date.now() ^ (process.pid << 8)) >>> 0);
/** Extra attempts so that at least RUNS payloads per channel are invalid even where some valid ones slip in. */
const ATTEMPTS = Math.ceil(RUNS * 1.3);

let h: CoreHarness;
let before: string[];
let previousCwd: string;
const stats = new Map<ChannelName, { invalid: number; valid: number; kinds: Record<string, number> }>();

beforeAll(async () => {
  console.log(`contract fuzz: seed ${SEED}, ${RUNS} invalid payloads per channel (IMAGINE_FUZZ_SEED=${SEED} to replay)`);
  h = await startCoreHarness('imagine-fuzz-');
  previousCwd = process.cwd();
  // A relative path that a handler resolves lands in the sandbox, where the snapshot sees it.
  process.chdir(path.join(h.sandbox, 'canary'));
  before = h.snapshotOutside();
}, 60_000);

afterAll(async () => {
  if (previousCwd) process.chdir(previousCwd);
  if (process.env.IMAGINE_FUZZ_REPORT) {
    const rows = [...stats].map(([c, s]) => `${c}: invalid ${s.invalid}, valid ${s.valid}, kinds ${JSON.stringify(s.kinds)}`);
    console.log(rows.join('\n'));
  }
  await h?.close();
});

describe('every contract channel refuses hostile input with a validation envelope', () => {
  it.each(channelNames.map((c) => [c]))('%s', async (channel) => {
    const schema = channels[channel].input;
    const s = { invalid: 0, valid: 0, kinds: {} as Record<string, number> };
    stats.set(channel, s);
    await fc.assert(
      fc.asyncProperty(hostilePayload(schema), async (input) => {
        let valid: boolean;
        try {
          valid = schema.safeParse(input).success;
        } catch {
          valid = false; // a payload zod cannot even walk is certainly invalid; the dispatcher must still answer
        }
        if (!valid && s.invalid >= RUNS) return; // enough invalid ones: keep the run bounded
        const env = await within(15_000, channel, h.call(channel, input));
        const kind = env.ok ? 'ok' : env.error.kind;
        s.kinds[kind] = (s.kinds[kind] ?? 0) + 1;
        if (valid) {
          s.valid++;
          expect(kind, `${channel} valid input answered internal`).not.toBe('internal');
        } else {
          s.invalid++;
          expect(env.ok ? 'ok' : env.error.kind).toBe('validation');
          if (!env.ok && env.error.kind === 'validation') {
            expect(env.error.message.length).toBeLessThan(500);
            expect(env.error.issues.length).toBeLessThanOrEqual(20);
            for (const issue of env.error.issues) expect(issue.message.length).toBeLessThanOrEqual(301);
          }
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: ATTEMPTS, seed: SEED, endOnFailure: true },
    );
    expect(s.invalid, `${channel}: only ${s.invalid} of ${ATTEMPTS} payloads were invalid`).toBeGreaterThanOrEqual(Math.min(RUNS, Math.floor(ATTEMPTS * 0.7)));
  }, 180_000);

  it('keeps the answer small when a payload carries 200,000 unknown keys', async () => {
    const input: Record<string, unknown> = { message: 'x' };
    for (let i = 0; i < 200_000; i++) input[`key${i}`] = i;
    const env = await h.call('app:ping', input);
    expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(JSON.stringify(env).length).toBeLessThan(2_000);
  });

  it('refuses unknown and prototype channel names', async () => {
    const names = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom<unknown>('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:info ', 'APP:INFO', 'app:info\0', null, undefined, 1, {}, ['app:info']));
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        fc.pre(!(typeof name === 'string' && (channelNames as string[]).includes(name)));
        const env = await h.call(name, {});
        expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('refuses every call from a foreign origin or a sub-frame before parsing', async () => {
    const sender = fc.record({ origin: fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('', 'null', 'file://', 'app://hardening/', 'APP://HARDENING')), isMainFrame: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(sender, fc.constantFrom(...channelNames), async (who, channel) => {
        fc.pre(!(who.isMainFrame && who.origin === 'app://hardening'));
        const env = await h.dispatch(channel, {}, who);
        expect(env).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('left the sandbox, the process and Object.prototype intact', () => {
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(h.snapshotOutside()).toEqual(before);
    expect(readdirSync(path.join(h.sandbox, 'tmp'))).toEqual([]);
    expect(prototypeIsClean()).toBe(true);
  });
});
