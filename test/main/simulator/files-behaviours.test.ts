import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, post, startTestSimulator, TEST_KEY } from './helpers';

/** Behaviours #84–#87 of the updates doc (§5.2 Files public URLs), on the wire. */
describe('simulator: Files API and public URLs', () => {
  const clock = fakeClock();
  let sim: Awaited<ReturnType<typeof startTestSimulator>>;
  beforeAll(async () => (sim = await startTestSimulator({ now: clock.now })));
  afterAll(async () => sim.close());

  const auth = { authorization: `Bearer ${TEST_KEY}` };
  async function upload(bytes: Uint8Array, name: string, ttl?: number): Promise<{ id: string; bytes: number; expires_at?: number }> {
    const form = new FormData();
    form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
    form.set('purpose', 'assistants');
    if (ttl !== undefined) form.set('expires_after', String(ttl));
    const res = await fetch(`${sim.api}/files`, { method: 'POST', headers: auth, body: form });
    expect(res.status).toBe(200);
    return (await res.json()) as { id: string; bytes: number };
  }
  const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).png().toBuffer();
  const publicUrl = (id: string, body: unknown) => post(sim, `/files/${id}/public-url`, body);
  const revoke = (id: string) => post(sim, `/files/${id}/public-url/revoke`, {});

  it('#84: {} gives one URL without expiry, repeated gives the same; expires_after adds one and keeps the token', async () => {
    const bytes = await png();
    const file = await upload(bytes, 'red.png');
    expect(file.bytes).toBe(bytes.byteLength);
    const first = (await (await publicUrl(file.id, {})).json()) as { public_url: string; expires_at?: number };
    expect(first.expires_at).toBeUndefined();
    expect(first.public_url).toMatch(new RegExp(`^${sim.url}/cdn/[0-9a-f]{32}/${file.id}\\.png$`));
    expect(((await (await publicUrl(file.id, {})).json()) as { public_url: string }).public_url).toBe(first.public_url);
    const timed = (await (await publicUrl(file.id, { expires_after: 86_400 })).json()) as { public_url: string; expires_at: number };
    expect(timed).toEqual({ public_url: first.public_url, expires_at: Math.floor(clock.now() / 1000) + 86_400 });
    // The link serves the bytes to anyone, without a key.
    const served = await fetch(first.public_url);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(bytes));
    const listed = (await (await fetch(`${sim.api}/files?filter=public_url%20!%3D%20null`, { headers: auth })).json()) as { data: { id: string; public_url_expires_at: number }[] };
    expect(listed.data.find((f) => f.id === file.id)?.public_url_expires_at).toBe(timed.expires_at);
  });

  it('#85: expires_after below an hour, above 30 days, or past the file\'s own life is refused', async () => {
    const file = await upload(await png(), 'a.png', 7_200);
    for (const expires_after of [3_599, 2_592_001, 10_800, 1.5]) {
      expect([expires_after, (await publicUrl(file.id, { expires_after })).status]).toEqual([expires_after, 400]);
    }
    expect((await publicUrl(file.id, { expires_after: 3_600 })).status).toBe(200);
    // A file with a TTL lends it to a URL made with {}.
    const inherits = (await (await publicUrl((await upload(await png(), 'b.png', 5_000)).id, {})).json()) as { expires_at: number };
    expect(inherits.expires_at).toBe(Math.floor(clock.now() / 1000) + 5_000);
  });

  it('#86: revoke answers revoked:true once, then false, never an error; dead links 404, the file stays; a new URL has a new token', async () => {
    const file = await upload(await png(), 'c.png');
    const { public_url: url } = (await (await publicUrl(file.id, { expires_after: 3_600 })).json()) as { public_url: string };
    expect(await (await revoke(file.id)).json()).toEqual({ id: file.id, revoked: true, public_url: url });
    expect(await (await revoke(file.id)).json()).toEqual({ id: file.id, revoked: false });
    expect(await (await revoke('file-does-not-exist')).json()).toEqual({ id: 'file-does-not-exist', revoked: false });
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(`${sim.api}/files/${file.id}`, { headers: auth })).status).toBe(200);
    const again = (await (await publicUrl(file.id, {})).json()) as { public_url: string };
    expect(again.public_url).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(again.public_url)).status).toBe(200);
    // Expiry: the link dies when its time is up; deleting the file revokes it too.
    const timed = (await (await publicUrl(file.id, { expires_after: 3_600 })).json()) as { public_url: string };
    clock.advance(3_601_000);
    expect((await fetch(timed.public_url)).status).toBe(404);
    const other = await upload(await png(), 'd.png');
    const { public_url: otherUrl } = (await (await publicUrl(other.id, {})).json()) as { public_url: string };
    expect((await fetch(`${sim.api}/files/${other.id}`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await fetch(otherUrl)).status).toBe(404);
    expect(await (await revoke(other.id)).json()).toEqual({ id: other.id, revoked: false });
  });

  it('#87: WebP files and files over 50 MiB get no public URL; the 1,001st active URL is refused', async () => {
    const webp = await upload(await sharp(await png()).webp().toBuffer(), 'x.webp');
    const refused = await publicUrl(webp.id, {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/image\/webp/);
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect((await publicUrl((await upload(big, 'big.jpg')).id, {})).status).toBe(400);
    const small = await png();
    // The team limit is 1,000 active URLs; the test lowers it so it is reached with a few uploads.
    expect(sim.files.maxActiveUrls).toBe(1_000);
    // Links still alive from the tests above count against the 1,000 too.
    let made = [...sim.files.files.values()].filter((f) => f.url && (f.url.expiresAt === null || f.url.expiresAt > clock.now())).length;
    sim.files.maxActiveUrls = made + 3;
    while (made < sim.files.maxActiveUrls) {
      const f = await upload(small, `n${made}.png`);
      expect((await publicUrl(f.id, {})).status).toBe(200);
      made += 1;
    }
    const over = await upload(small, 'over.png');
    expect((await publicUrl(over.id, {})).status).toBe(400);
    // Revoking one frees a slot.
    await revoke([...sim.files.files.values()].find((f) => f.url)!.id);
    expect((await publicUrl(over.id, {})).status).toBe(200);
  });

  it('needs a key like every other endpoint', async () => {
    expect((await fetch(`${sim.api}/files`, { method: 'GET' })).status).toBe(401);
  });
});
