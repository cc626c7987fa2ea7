/**
 * What an attacker on the same machine does with whatever it learned: each probe answers true only when it got
 * something the user's session should have kept (a call answered, media served, a session handed out).
 */
import { request } from 'node:http';
import WebSocket from 'ws';

/** True when a socket opened with these headers (and an optional first message) answers a call. */
export function socketAnswers(origin: string, headers: Record<string, string>, hello?: Record<string, unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(origin.replace(/^http/, 'ws') + '/ws', { headers });
    const done = (answered: boolean) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      resolve(answered);
    };
    // Not a timing assertion: a host that neither answers nor closes within this long has given nothing away.
    const timer = setTimeout(() => done(false), 5_000);
    ws.once('error', () => done(false));
    ws.once('unexpected-response', () => done(false));
    ws.once('close', () => done(false));
    ws.once('open', () => {
      if (hello) ws.send(JSON.stringify(hello));
      ws.send(JSON.stringify({ type: 'invoke', id: 'probe', channel: 'app:info', input: {} }));
    });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type?: string; id?: unknown; envelope?: { ok?: boolean } };
      if (msg.type === 'result' && msg.id === 'probe' && msg.envelope?.ok === true) done(true);
    });
  });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One GET with the path and headers exactly as given (no normalisation, no redirects followed). */
export function get(origin: string, rawPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(port), path: rawPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Everything that would let a holder of `candidate` in, tried every way the host ever accepted one. */
export async function candidateOpensSomething(origin: string, candidate: string, mediaPath: string): Promise<string[]> {
  const opened: string[] = [];
  const forged = { origin };
  if (await socketAnswers(origin, { ...forged, cookie: `imagine_token=${candidate}` })) opened.push('socket with it as a cookie');
  if (await socketAnswers(origin, { ...forged, 'x-imagine-token': candidate })) opened.push('socket with it as a header');
  if (await socketAnswers(origin, forged, { type: 'hello', ticket: candidate })) opened.push('socket with it as a ticket');
  if (await socketAnswers(origin, forged, { type: 'hello', session: candidate })) opened.push('socket with it as a session');
  const exchange = await get(origin, `/?token=${encodeURIComponent(candidate)}`);
  if (exchange.status >= 300 && exchange.status < 400 && exchange.headers['set-cookie']) opened.push('a token exchange');
  for (const [how, p, headers] of [
    ['media with it as a cookie', `/media/${mediaPath}`, { cookie: `imagine_token=${candidate}` }],
    ['media with it as a header', `/media/${mediaPath}`, { 'x-imagine-token': candidate }],
    ['media with it as a capability', `/media/${candidate}/${mediaPath}`, {}],
  ] as const) {
    if ((await get(origin, p, headers)).status === 200) opened.push(how);
  }
  return opened;
}
