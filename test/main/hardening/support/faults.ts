import { expect } from 'vitest';

/**
 * A message a user can act on: a sentence, no stack, no code-speak, not the generic "went wrong inside" that means
 * we did not know what happened.
 */
export function expectReadable(message: string | null | undefined): void {
  expect(message, 'a message').toBeTruthy();
  const m = message as string;
  expect(m).toMatch(/^(?:[A-Z]|xAI)/);
  expect(m.length).toBeLessThan(400);
  expect(m).not.toMatch(/undefined|\[object|\b[A-Z]\w*Error\b|\n\s+at /);
  expect(m).not.toMatch(/<html|<!doctype|Something went wrong inside/i);
}

/**
 * `fetch` whose response bodies, for URLs matching `match`, trickle in `chunk`-byte pieces every `delayMs` while
 * `slow()` is true: a very slow download, without touching the simulator.
 */
export function throttledFetch(o: { match: RegExp; chunk: number; delayMs: number; slow: () => boolean }): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!o.match.test(url) || !o.slow() || !res.body) return res;
    const reader = res.body.getReader();
    let pending: Uint8Array | null = null;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!pending || pending.byteLength === 0) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          pending = value;
        }
        await new Promise((r) => setTimeout(r, o.delayMs));
        controller.enqueue(pending.subarray(0, o.chunk));
        pending = pending.subarray(o.chunk);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
