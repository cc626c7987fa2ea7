/**
 * The other half of contract fuzzing: random inputs that pass each channel's schema, so the handlers themselves
 * run (unknown ids, odd names, random settings, relative paths). Any envelope is fine except `internal`, and
 * nothing may land outside the data dir. Demo mode stays off (it would start the simulator and real work) and the
 * API is a dead port. IMAGINE_FUZZ_RUNS / 5 inputs per channel (at least 20); IMAGINE_FUZZ_SEED replays.
 */
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels } from '@contract';
import { prototypeIsClean, startCoreHarness, within, type CoreHarness } from './core-harness';
import { validInput } from './valid-inputs';

const RUNS = Math.max(20, Math.round(Number(process.env.IMAGINE_FUZZ_RUNS ?? 500) / 5));
const SEED = Number(process.env.IMAGINE_FUZZ_SEED ?? (Date.now() ^ (process.pid << 8)) >>> 0);

let h: CoreHarness;
let before: string[];
let previousCwd: string;
const ids: string[] = [];
const accepted = new Map<string, number>();

beforeAll(async () => {
  console.log(`valid-input fuzz: seed ${SEED}, ${RUNS} inputs per channel (IMAGINE_FUZZ_SEED=${SEED} to replay)`);
  h = await startCoreHarness('imagine-valid-fuzz-');
  previousCwd = process.cwd();
  process.chdir(path.join(h.sandbox, 'canary'));
  // Real items and collections, so random inputs also hit existing ids (favorite, trash, collections, edits).
  for (let i = 0; i < 4; i++) {
    const base64 = (await sharp({ create: { width: 32 + i, height: 24, channels: 3, background: '#123456' } }).png().toBuffer()).toString('base64');
    const env = await h.call('library:import', { source: { kind: 'bytes', name: `seed${i}.png`, base64 } });
    if (env.ok) ids.push(...(env.value as { imported: string[] }).imported);
    const col = await h.call('library:collection-create', { name: `seed ${i}` });
    if (col.ok) ids.push((col.value as { id: string }).id);
  }
  expect(ids.length).toBe(8);
  before = h.snapshotOutside();
}, 60_000);

afterAll(async () => {
  if (previousCwd) process.chdir(previousCwd);
  if (process.env.IMAGINE_FUZZ_REPORT) console.log([...accepted].map(([c, n]) => `${c}: ${n} valid`).join('\n'));
  await h?.close();
});

describe('every channel survives valid random input', () => {
  it.each(channelNames.map((c) => [c]))('%s', async (channel) => {
    const schema = channels[channel].input;
    const inputs = validInput(schema, ids)
      .filter((v) => schema.safeParse(v).success)
      // Demo mode would start the simulator and generate for real; it has its own tests.
      .filter((v) => !(channel === 'settings:update' && (v as { demoMode?: boolean }).demoMode === true));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const env = await within(15_000, channel, h.call(channel, input));
        n++;
        if (!env.ok) expect(env.error.kind, `${channel} ${JSON.stringify(input).slice(0, 300)} → ${env.error.message}`).not.toBe('internal');
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    accepted.set(channel, n);
    // A stored key would let later channels start real requests (to the dead port); forget it after each channel.
    await h.call('key:remove', {});
    expect(prototypeIsClean()).toBe(true);
  }, 180_000);

  it('failed no handler and wrote nothing outside the data dir', () => {
    expect(h.logs.filter((l) => l.message === 'ipc: handler failed')).toEqual([]);
    expect(h.snapshotOutside()).toEqual(before);
  });
});
