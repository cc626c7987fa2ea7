// `npm run host [-- options]` (the built host) and `npm run host:dev [-- options]` (from source through tsx): the
// browser host started with the same memory settings as `npm start` and the test fixtures (host-memory.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { HOST_NODE_FLAGS, mallocEnv } from './host-memory.mjs';
import { repoRoot } from './node24.mjs';

const fromSource = process.argv[2] === '--from-source';
const args = process.argv.slice(fromSource ? 3 : 2);
const entry = fromSource
  ? ['--import', 'tsx', path.join(repoRoot, 'src-main', 'shells', 'browser-host.ts')]
  : [path.join(repoRoot, 'out', 'main', 'browser-host.js')];
const child = spawn(process.execPath, [...HOST_NODE_FLAGS, ...entry, ...args], { stdio: 'inherit', env: { ...process.env, ...mallocEnv() } });
// Ctrl+C and kill reach the host, which closes its library cleanly; this script ends with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
