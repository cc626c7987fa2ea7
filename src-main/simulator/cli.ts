/**
 * Runs the simulator standalone: `npm run simulator -- --port 8787 [--latency 200] [--key xai-demo] [--rps published]`.
 * `--rps` limits each model to N requests per second (`published`/`tier0`…`tier4`: the capability table's figures).
 * Prints the base URL to point the app (or any xAI client) at.
 */
import { parseArgs } from 'node:util';
import { BUILT_IN_TABLE } from '@contract';
import { rpsFromOption } from './rate-limit';
import { startSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    key: { type: 'string', multiple: true },
    'video-polls': { type: 'string', default: '3' },
    'video-min-ms': { type: 'string', default: '3000' },
    rps: { type: 'string' },
  },
});
const rps = rpsFromOption(values.rps, BUILT_IN_TABLE);

const sim = await startSimulator({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  ...(values.key?.length ? { validKeys: values.key } : {}),
  video: { pendingPolls: Number(values['video-polls']), minMs: Number(values['video-min-ms']) },
  ...(rps ? { rps } : {}),
});
console.log(`xAI Imagine simulator listening on ${sim.url} (API base URL ${sim.url}/v1)`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
