import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '@contract';
import { createDeepLinkRouter } from '../../../src-main/services/links/deep-link-router';
import { silentLogger as quietLogger } from '../library/service-harness';

const ITEM = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const GONE = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const COLLECTION = 'cccccccccccccccccccccccccccccccc';

function setup() {
  const sent: { event: EventName; payload: unknown }[] = [];
  const router = createDeepLinkRouter({
    events: { emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void sent.push({ event, payload }) },
    logger: quietLogger,
    exists: { item: (id) => id === ITEM, collection: (id) => id === COLLECTION },
  });
  return { router, sent };
}

describe('the deep-link router', () => {
  it('keeps links that arrive before the window asks (the launching link), then hands them over once', async () => {
    const { router, sent } = setup();
    await router.receive(`imagine-studio://item/${ITEM}`);
    await router.receive('imagine-studio://remix?prompt=hello');
    await router.receive('imagine-studio://bogus');
    expect(sent).toEqual([]);
    const first = router.takePending();
    expect(first.links).toEqual([{ kind: 'item', id: ITEM }, { kind: 'remix', prompt: 'hello' }]);
    expect(first.refused).toEqual(['A link was not opened: Imagine Studio links open an item, a collection or a remix; “bogus” is none of these.']);
    expect(router.takePending()).toEqual({ links: [], refused: [] });
  });

  it('sends later links straight to the window, and a refusal as a warning notice that says why', async () => {
    const { router, sent } = setup();
    router.takePending();
    expect(await router.receive(`imagine-studio://collection/${COLLECTION}`)).toEqual({ opened: { kind: 'collection', id: COLLECTION } });
    expect(await router.receive(`imagine-studio://item/${GONE}`)).toEqual({ refused: expect.stringMatching(/not in the library/) });
    expect(sent).toEqual([
      { event: 'links:open', payload: { kind: 'collection', id: COLLECTION } },
      { event: 'app:notice', payload: { level: 'warning', message: expect.stringMatching(/^A link was not opened: That item is not in the library/) } },
    ]);
  });

  it('holds links again while the window is gone or reloading', async () => {
    const { router, sent } = setup();
    router.takePending();
    router.windowGone();
    await router.receive(`imagine-studio://item/${ITEM}`);
    expect(sent).toEqual([]);
    expect(router.takePending().links).toEqual([{ kind: 'item', id: ITEM }]);
  });

  it('says so when the library cannot be read to check a link', async () => {
    const sent: unknown[] = [];
    const router = createDeepLinkRouter({
      events: { emit: (_e, payload) => void sent.push(payload) },
      logger: quietLogger,
      exists: { item: () => { throw new Error('database is locked'); }, collection: () => true },
    });
    router.takePending();
    expect(await router.receive(`imagine-studio://item/${ITEM}`)).toEqual({ refused: 'The library could not be read to check it; try again.' });
  });
});
