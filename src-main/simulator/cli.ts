/**
 * Runs a simulator standalone: `npm run simulator -- [--provider xai|stability|minimax] --port 8787 [--latency 200]`.
 * xAI also takes `--key k`, `--video-polls n`, `--video-min-ms ms` and `--rps N|published|tierN` (each model limited
 * to N requests per second; `published`/`tier0`…`tier4`: the capability table's figures). Stability takes
 * `--credits N` (starting balance per key) and `--polls n` (202 answers before an async result is done); MiniMax
 * takes `--polls n` (task statuses before the final one) and `--rpm N` (requests per key and API per minute).
 * Prints the origin, `http://127.0.0.1:PORT`, first on its line, then what to point a client at.
 */
import { parseArgs } from 'node:util';
import { BUILT_IN_TABLE } from '@contract';
import { startMinimaxSimulator } from './minimax';
import { rpsFromOption } from './rate-limit';
import { startSimulator } from './server';
import { startStabilitySimulator } from './stability';

const { values } = parseArgs({
  options: {
    provider: { type: 'string', default: 'xai' },
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    key: { type: 'string', multiple: true },
    'video-polls': { type: 'string', default: '3' },
    'video-min-ms': { type: 'string', default: '3000' },
    rps: { type: 'string' },
    credits: { type: 'string' },
    polls: { type: 'string' },
    rpm: { type: 'string' },
  },
});
const port = Number(values.port);
const latencyMs = Number(values.latency);
const num = (v: string | undefined) => (v === undefined ? {} : { value: Number(v) });

async function start(): Promise<{ url: string; note: string; close(): Promise<void> }> {
  switch (values.provider) {
    case 'stability': {
      const credits = num(values.credits);
      const polls = num(values.polls);
      const sim = await startStabilitySimulator({ port, latencyMs, ...('value' in credits ? { startingCredits: credits.value } : {}), ...('value' in polls ? { pendingPolls: polls.value } : {}) });
      return { url: sim.url, note: `Stability AI simulator (base URL ${sim.url}; keys sk-…)`, close: sim.close };
    }
    case 'minimax': {
      const polls = num(values.polls);
      const rpm = num(values.rpm);
      const sim = await startMinimaxSimulator({ port, latencyMs, ...('value' in polls ? { pendingPolls: polls.value } : {}), ...('value' in rpm ? { requestsPerMinute: rpm.value } : {}) });
      return { url: sim.url, note: `MiniMax simulator (base URL ${sim.url}, paths /v1/…; keys mm-…)`, close: sim.close };
    }
    case 'xai': {
      const rps = rpsFromOption(values.rps, BUILT_IN_TABLE);
      const sim = await startSimulator({
        port,
        latencyMs,
        ...(values.key?.length ? { validKeys: values.key } : {}),
        video: { pendingPolls: Number(values['video-polls']), minMs: Number(values['video-min-ms']) },
        ...(rps ? { rps } : {}),
      });
      return { url: sim.url, note: `xAI Imagine simulator (API base URL ${sim.url}/v1)`, close: sim.close };
    }
    default:
      throw new Error(`--provider takes xai, stability or minimax, not "${values.provider}"`);
  }
}

const sim = await start();
console.log(`${sim.url} ${sim.note}`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
