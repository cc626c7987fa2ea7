import path from 'node:path';
import type { App } from 'electron';
import { DEEP_LINK_SCHEME } from '@contract';
import { findDeepLinkArg } from '../../core/links/parse-deep-link';

type LinkApp = Pick<App, 'on' | 'setAsDefaultProtocolClient'>;

/**
 * Registers imagine-studio:// with the OS for this app. Installed builds declare it in package.json's `build.protocols`
 * too (the .desktop MimeType on Linux, Info.plist on macOS, the registry on Windows); a development run registers the
 * Electron binary with this checkout as its argument, so links reach the app being worked on.
 */
export function registerDeepLinkScheme(app: Pick<App, 'setAsDefaultProtocolClient'>, argv = process.argv, devRun = Boolean(process.defaultApp)) {
  // justified: the scheme is our own constant, and every link it brings is parsed and checked by core/links before use
  if (!devRun) return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); /* eng-disable PROTOCOL_HANDLER_JS_CHECK */
  // justified: the scheme is our own constant, and every link it brings is parsed and checked by core/links before use
  return argv[1] ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(argv[1])]) : false; /* eng-disable PROTOCOL_HANDLER_JS_CHECK */
}

/**
 * Delivers every link the OS hands this app to `deliver` (the core's router, which parses and checks it):
 * - the link that launched the app (Windows/Linux pass it in argv),
 * - a link opened while the app runs: the OS starts a second instance, which loses the single-instance lock and
 *   quits; Electron hands its argv to this instance in 'second-instance' (the window comes to the front),
 * - macOS 'open-url' (both at launch and later).
 * Call before the app is ready: macOS sends the launching link's 'open-url' early.
 */
export function routeDeepLinks(options: { app: LinkApp; argv: readonly string[]; focusWindow: () => void; deliver: (url: string) => void }) {
  const { app, deliver } = options;
  app.on('open-url', (event, url) => {
    event.preventDefault();
    options.focusWindow();
    deliver(url);
  });
  app.on('second-instance', (_event, argv) => {
    options.focusWindow();
    const link = findDeepLinkArg(argv);
    if (link) deliver(link);
  });
  const launching = findDeepLinkArg(options.argv);
  if (launching) deliver(launching);
}

/** Holds links that arrive before the core is up, then passes them (in order) and every later one to `route`. */
export function linkInbox() {
  let route: ((url: string) => void) | null = null;
  const early: string[] = [];
  return {
    deliver(url: string) {
      if (route) route(url);
      else early.push(url);
    },
    connect(to: (url: string) => void) {
      route = to;
      for (const url of early.splice(0)) to(url);
    },
  };
}
