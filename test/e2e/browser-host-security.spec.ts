import WebSocket from 'ws';
import { expect, test } from './support/fixtures';

test('the host refuses requests and sockets without its token or from other origins', async ({ host, request }) => {
  expect((await request.get(`${host.origin}/`, { maxRedirects: 0 })).status()).toBe(401);
  expect((await request.get(`${host.origin}/?token=wrong`, { maxRedirects: 0 })).status()).toBe(401);
  expect((await request.get(`${host.origin}/media/../../etc/passwd`, { maxRedirects: 0 })).status()).toBe(401);
  const withToken = await request.get(`${host.origin}/`, { headers: { 'x-imagine-token': host.token } });
  expect(withToken.status()).toBe(200);
  expect(withToken.headers()['content-security-policy']).toContain("connect-src 'self'");

  const opens = async (headers: Record<string, string>) =>
    new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws`, { headers });
      ws.once('open', () => {
        ws.close();
        resolve(true);
      });
      ws.once('error', () => resolve(false));
    });
  expect(await opens({ origin: host.origin })).toBe(false);
  expect(await opens({ origin: 'http://evil.example', cookie: `imagine_token=${host.token}` })).toBe(false);
  expect(await opens({ origin: host.origin, cookie: `imagine_token=${host.token}` })).toBe(true);
});
