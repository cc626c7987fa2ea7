/**
 * Crash trials, the CI set: a short seeded run of the harness in test/main/hardening/support/crash-trials.ts (the
 * host as a real child process, SIGKILLed at random moments with xAI, Stability AI and MiniMax image batches, xAI and
 * MiniMax video jobs and Stability creative upscales in flight, restarted
 * on the same data folder). About 5 trials, well under a minute here.
 *
 *   IMAGINE_CRASH_TRIALS=20 npx vitest run --project main test/main/hardening/crash   # the full set
 *   IMAGINE_CRASH_SEED=123 …                                                           # replay a printed seed
 *
 * or the CLI: `node --import tsx scripts/crash-trials.ts --trials 20 [--seed S]`.
 */
import { describe, expect, it } from 'vitest';
import { crashFiguresOk, runCrashTrials } from '../support/crash-trials';

const trials = Number(process.env.IMAGINE_CRASH_TRIALS ?? 5);
const seed = Number(process.env.IMAGINE_CRASH_SEED ?? 20_261_122);

describe('crash trials', () => {
  it(`${trials} SIGKILLs mid-work lose no delivered result and leave no debris (seed ${seed})`, async () => {
    const figures = await runCrashTrials({ trials, seed });
    console.info(`crash trials figures: ${JSON.stringify(figures)}`);
    expect(figures.resultsDelivered).toBeGreaterThan(0);
    expect(figures.lostDetails).toEqual([]);
    expect(figures.images.lost).toBe(0);
    expect(figures.videos.lost).toBe(0);
    // MiniMax Hailuo videos through the same journal (issue 18): none lost, none filed twice, no start sent twice.
    expect(figures.minimaxVideos).toMatchObject({ lost: 0, duplicates: 0, startsRetried: 0 });
    expect(figures.orphans).toBe(0);
    expect(figures.tempFiles).toBe(0);
    expect(figures.rowsWithoutFile).toBe(0);
    expect(figures.stagedLeft).toBe(0);
    expect(figures.integrityFailures).toBe(0);
    expect(figures.billedPostsRetried).toBe(0);
    // Stability AI's and MiniMax's text→image through the same queue (issue 18): none lost, none filed twice.
    for (const p of Object.values(figures.providers)) expect([p.lost, p.duplicates, p.delivered - p.found - p.notStaged - p.notReceived]).toEqual([0, 0, 0]);
    // Stability creative upscales, journaled and polled (issue 18): every collected result filed once, no start sent again.
    expect(figures.creativeUpscales).toMatchObject({ lost: 0, duplicates: 0 });
    expect(figures.creativeUpscales.starts).toBeLessThanOrEqual(figures.creativeUpscales.submitted);
    // The key-leak scan over the whole crash session: no file in the data folder, no host output holds the key.
    expect(figures.keyLeaks).toEqual([]);
    // Every video job the journal holds ended; none is left polling or downloading.
    expect(Object.keys(figures.videos.journal).filter((s) => !['done', 'lost', 'failed', 'expired'].includes(s))).toEqual([]);
    expect(crashFiguresOk(figures)).toBe(true);
  }, 60_000 + trials * 15_000);
});
