import type { ChannelOutput, DeepLink } from '@contract';
import { parseDeepLink } from '../../core/links/parse-deep-link';
import type { EventSink, Logger } from '../../core/ports';

export interface DeepLinkRouterDeps {
  events: EventSink;
  logger: Logger;
  /** Whether the library in effect has this item / collection (a link may be older than a deletion). */
  exists: { item(id: string): Promise<boolean> | boolean; collection(id: string): Promise<boolean> | boolean };
}

export type RouteResult = { opened: DeepLink } | { refused: string };

/**
 * Where every `imagine-studio://` link goes, whichever way the OS delivered it (launch argv, a second instance
 * through the single-instance lock, macOS `open-url`). Parses and checks it in main, then hands the renderer only
 * a validated DeepLink (`links:open`); a refused link becomes a notice saying why. Links that arrive before the
 * window asks for them (`links:pending`) wait, so the link that launched the app is not lost.
 */
export function createDeepLinkRouter(deps: DeepLinkRouterDeps) {
  let windowReady = false;
  let waiting: DeepLink[] = [];
  let refusedWhileWaiting: string[] = [];

  async function check(link: DeepLink): Promise<string | null> {
    if (link.kind === 'item' && !(await deps.exists.item(link.id))) return 'That item is not in the library (it may have been deleted, or it is in the other library: demo mode has its own).';
    if (link.kind === 'collection' && !(await deps.exists.collection(link.id))) return 'That collection is not in the library (it may have been deleted or renamed away).';
    return null;
  }

  function refuse(reason: string): RouteResult {
    const message = `A link was not opened: ${reason}`;
    deps.logger.info('links: refused', { reason });
    if (windowReady) deps.events.emit('app:notice', { level: 'warning', message });
    else refusedWhileWaiting.push(message);
    return { refused: reason };
  }

  return {
    /** Routes one raw URL from the OS. */
    async receive(raw: string): Promise<RouteResult> {
      const parsed = parseDeepLink(raw);
      if (!parsed.ok) return refuse(parsed.reason);
      let problem: string | null;
      try {
        problem = await check(parsed.link);
      } catch (err) {
        deps.logger.error('links: check failed', { kind: parsed.link.kind, error: String(err) });
        problem = 'The library could not be read to check it; try again.';
      }
      if (problem) return refuse(problem);
      deps.logger.info('links: open', { kind: parsed.link.kind });
      if (windowReady) deps.events.emit('links:open', parsed.link);
      else waiting.push(parsed.link);
      return { opened: parsed.link };
    },
    /** The window is listening: hands over what waited (once) and sends later links as events. */
    takePending(): ChannelOutput<'links:pending'> {
      windowReady = true;
      const out = { links: waiting, refused: refusedWhileWaiting };
      waiting = [];
      refusedWhileWaiting = [];
      return out;
    },
    /** The window went away (closed or reloading): hold links again until it asks. */
    windowGone() {
      windowReady = false;
    },
  };
}
export type DeepLinkRouter = ReturnType<typeof createDeepLinkRouter>;
