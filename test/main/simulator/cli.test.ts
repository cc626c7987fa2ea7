/** `npm run simulator -- --provider stability|minimax|xai --port N` starts that provider's simulator and prints its origin. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

/** Runs the CLI until it prints its first line; returns that line and the child. */
function run(args: string[]): Promise<{ line: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/simulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve({ line: out.split('\n')[0] ?? '', stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
}

describe('simulator CLI', () => {
  it('starts Stability and MiniMax on the given ports, printing http://127.0.0.1:PORT, and they answer their own wire format', async () => {
    const [sp, mp] = [await freePort(), await freePort()];
    const [stab, mini] = await Promise.all([run(['--provider', 'stability', '--port', String(sp)]), run(['--provider', 'minimax', '--port', String(mp)])]);
    try {
      expect(stab.line).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${sp} Stability AI simulator`));
      expect(mini.line).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${mp} MiniMax simulator`));
      expect(await (await fetch(`http://127.0.0.1:${sp}/v1/user/balance`, { headers: { authorization: 'Bearer sk-cli' } })).json()).toEqual({ credits: 10_000 });
      const mm = await (await fetch(`http://127.0.0.1:${mp}/v1/query/video_generation?task_id=1`)).json();
      expect(mm.base_resp.status_code).toBe(1004);
    } finally {
      stab.stop();
      mini.stop();
    }
  }, 60_000);

  it('refuses an unknown provider', async () => {
    await expect(run(['--provider', 'midjourney'])).rejects.toThrow(/exited 1/);
  }, 60_000);
});
