/**
 * How the Electron shell routes imagine-studio:// links, with a stand-in `app` (Electron cannot run here): the
 * launching argv, a second instance's argv handed over through the single-instance lock, macOS open-url, and the
 * links that arrive before the core is up. Delivered links go through the real router.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EventName } from '@contract';
import { createDeepLinkRouter } from '../../../src-main/services/links/deep-link-router';
import { linkInbox, registerDeepLinkScheme, routeDeepLinks } from '../../../src-main/shells/electron/deep-links';
import { silentLogger } from '../library/service-harness';

const ITEM = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

function fakeApp() {
  const emitter = new EventEmitter();
  const registered: unknown[][] = [];
  const app = Object.assign(emitter, { setAsDefaultProtocolClient: (...args: unknown[]) => (registered.push(args), true) });
  return { app, registered };
}

function shell(argv: string[]) {
  const { app } = fakeApp();
  const sent: { event: EventName; payload: unknown }[] = [];
  const router = createDeepLinkRouter({
    events: { emit: (event, payload) => void sent.push({ event, payload }) },
    logger: silentLogger,
    exists: { item: (id) => id === ITEM, collection: () => false },
  });
  const inbox = linkInbox();
  let focused = 0;
  const received: Promise<unknown>[] = [];
  routeDeepLinks({ app: app as never, argv, deliver: inbox.deliver, focusWindow: () => void focused++ });
  return {
    app,
    sent,
    router,
    focused: () => focused,
    /** The core is up: the inbox passes what it held to the router. */
    coreUp: () => inbox.connect((url) => void received.push(router.receive(url))),
    settled: () => Promise.all(received),
  };
}

describe('deep links in the Electron shell', () => {
  it('a link that launched the app waits for the core, then for the window, and is not lost', async () => {
    const s = shell(['/usr/bin/imagine-studio', `imagine-studio://item/${ITEM}`]);
    s.coreUp();
    await s.settled();
    expect(s.sent).toEqual([]);
    expect(s.router.takePending().links).toEqual([{ kind: 'item', id: ITEM }]);
  });

  it('a second instance (the single-instance lock) hands its link over; the window comes to the front', async () => {
    const s = shell(['/usr/bin/imagine-studio']);
    s.coreUp();
    s.router.takePending();
    s.app.emit('second-instance', {}, ['/usr/bin/imagine-studio', '--no-sandbox', 'imagine-studio://remix?prompt=a%20cat'], '/home/u');
    s.app.emit('second-instance', {}, ['/usr/bin/imagine-studio'], '/home/u'); // a plain second launch only focuses
    await s.settled();
    expect(s.focused()).toBe(2);
    expect(s.sent).toEqual([{ event: 'links:open', payload: { kind: 'remix', prompt: 'a cat' } }]);
  });

  it('macOS open-url: the default handling is prevented and the link routed; a bad one is refused with its reason', async () => {
    const s = shell(['/Applications/Imagine Studio.app/Contents/MacOS/Imagine Studio']);
    s.coreUp();
    s.router.takePending();
    let prevented = 0;
    s.app.emit('open-url', { preventDefault: () => void prevented++ }, 'imagine-studio://item/nope');
    await s.settled();
    expect(prevented).toBe(1);
    expect(s.sent).toEqual([{ event: 'app:notice', payload: { level: 'warning', message: 'A link was not opened: That is not a library id (32 hexadecimal characters).' } }]);
  });

  it('registers the scheme for the installed app, and for this checkout in a development run', () => {
    const installed = fakeApp();
    registerDeepLinkScheme(installed.app, ['/opt/imagine-studio'], false);
    expect(installed.registered).toEqual([['imagine-studio']]);
    const dev = fakeApp();
    registerDeepLinkScheme(dev.app, ['/x/electron', 'out/main/index.js'], true);
    expect(dev.registered[0]?.[0]).toBe('imagine-studio');
    expect(dev.registered[0]?.[2]).toEqual([expect.stringMatching(/out\/main\/index\.js$/)]);
  });
});
