/**
 * Crash trials: SIGKILL the browser host at seeded random moments while image batches (xAI, Stability AI and MiniMax,
 * each against its simulator) and video jobs (xAI and MiniMax) are in flight, restart it on the same data folder, and
 * check at the end that every result the simulators delivered is in the library once, with no orphan or temp files,
 * sound databases and every video job finished.
 *
 *   node --import tsx scripts/crash-trials.ts [--trials N] [--seed S] [--keep]
 *
 * --trials  default: IMAGINE_CRASH_TRIALS, else 20      --seed  default: random (printed, to replay a run)
 * --keep    keep the data folder for a post-mortem
 *
 * Prints the figures as JSON on stdout (progress on stderr); exits 1 when any result was lost or anything is left
 * broken. The CI set is a short run of the same harness: test/main/hardening/crash/crash-trials.test.ts.
 */
import { parseArgs } from 'node:util';
import { crashFiguresOk, runCrashTrials } from '../test/main/hardening/support/crash-trials';

const { values } = parseArgs({ options: { trials: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean' } } });
const trials = Number(values.trials ?? process.env.IMAGINE_CRASH_TRIALS ?? 20);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(trials) || trials < 1 || !Number.isInteger(seed)) {
  console.error('Usage: crash-trials.ts [--trials N] [--seed S] [--keep]');
  process.exit(2);
}
console.error(`seed ${seed}`);
const figures = await runCrashTrials({ trials, seed, keepDir: values.keep ?? false, log: (line) => console.error(line) });
console.log(JSON.stringify(figures, null, 2));
process.exit(crashFiguresOk(figures) ? 0 : 1);
