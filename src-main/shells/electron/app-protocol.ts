import { protocol } from 'electron';
import { createStaticFiles } from '../../host/static-files';
import { SECURITY_HEADERS } from '../../host/security-headers';
import { MEDIA_SCHEME } from './media-protocol';

/**
 * The renderer is served from `app://imagine/`, not `file://`: under file:// the CSP's `'self'` covers every local
 * file and the origin is shared by every file page. A privileged standard scheme gives the app an origin of its
 * own, and each answer carries the CSP and the other security headers (the same as the browser host's).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'imagine';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app.ready`, once (Electron takes a single call): the app's scheme and the media scheme. */
export function registerPrivilegedSchemes() {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // Video seeking needs Range, hence `stream`.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** `app://imagine/<path>` → a file of the built renderer (inside it only), with the security headers; else 404. */
export function handleAppProtocol(rendererDir: string) {
  const read = createStaticFiles(rendererDir, { bridge: false });
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await read(url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': file.type } });
  });
}
